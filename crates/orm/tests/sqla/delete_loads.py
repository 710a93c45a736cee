# Golden SQL: session.delete() loads only the collections of a "delete" cascade at once;
# the flush loads the others (children's foreign keys set to NULL; many-to-many collections
# too, not covered here) (crates/orm/src/unit_of_work/tests_delete.rs).
# Run: python delete_loads.py (SQLAlchemy 2.1.9).
from typing import List, Optional
from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session

class Base(DeclarativeBase): pass

class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    notes: Mapped[List["Note"]] = relationship(cascade="all")
    addresses: Mapped[List["Address"]] = relationship()

class Note(Base):
    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))

class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with engine.begin() as c:
    c.exec_driver_sql("INSERT INTO users VALUES (1)")
    c.exec_driver_sql("INSERT INTO notes VALUES (1, 1)")
    c.exec_driver_sql("INSERT INTO addresses VALUES (1, 1), (2, 1)")
engine.echo = True
s = Session(engine)
u = s.get(User, 1)
s.delete(u)
print("### flush")
s.flush()
s.close()
