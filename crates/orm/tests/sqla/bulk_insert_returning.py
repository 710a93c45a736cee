# Golden for crates/orm/src/query/dml_tests.rs (insert_returning_runs_each_set_of_keys_apart):
# an ORM bulk INSERT ... RETURNING runs each run of rows with the same keys as its own statement.
# Run: python bulk_insert_returning.py (SQLAlchemy 2.1.9, CPython 3.11).
from typing import Optional
from sqlalchemy import String, create_engine, insert
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
class Base(DeclarativeBase): pass
class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    fullname: Mapped[Optional[str]]
engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
engine.echo = True
with Session(engine) as s:
    users = s.scalars(insert(User).returning(User), [{"name": "a"}, {"name": "b"}, {"name": "c", "fullname": "C C"}, {"name": "d"}]).all()
    print([u.id for u in users])
