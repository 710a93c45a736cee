# The legacy bulk methods share the mapper's compiled cache with the flush (SQLAlchemy's [cached since] after either), the 2.0-style bulk statements do not.
from sqlalchemy import create_engine, String, update, insert
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, Session

class Base(DeclarativeBase):
    pass

class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))

engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(User(id=3, name="c"))
    s.commit()
    u = s.get(User, 3)
    u.name = "C"
    s.flush()
    s.execute(update(User), [{"id": 3, "name": "CC"}])
    s.bulk_update_mappings(User, [{"id": 3, "name": "D"}])
    s.execute(insert(User), [{"id": 4, "name": "d"}])
    s.bulk_insert_mappings(User, [{"id": 5, "name": "e"}])
    s.add(User(id=6, name="f"))
    s.flush()
    s.bulk_insert_mappings(User, [{"id": 7, "name": "g"}, {"id": 8, "name": "h"}])
    s.add_all([User(id=9, name="i"), User(id=10, name="j")])
    s.flush()
