# bulk_update_mappings() then a flush UPDATE of the same shape: one cache entry, as SQLAlchemy's mapper cache.
from sqlalchemy import create_engine, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, Session

class Base(DeclarativeBase):
    pass

class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    fullname: Mapped[str] = mapped_column(String(30), default="")

engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.bulk_insert_mappings(User, [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}])
    s.add(User(id=3, name="c"))
    s.commit()
    s.bulk_update_mappings(User, [{"id": 1, "name": "A"}, {"id": 2, "name": "B"}])
    u = s.get(User, 3)
    u.name = "C"
    s.commit()
    s.bulk_update_mappings(User, [{"id": 3, "name": "CC"}])
    u.name = "X"
    s.flush()
    print(s.query(User.name).order_by(User.id).all())
