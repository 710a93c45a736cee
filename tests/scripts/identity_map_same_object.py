# The identity map: one object per primary key per session. Querying the same row twice gives
# the same object; session.get() of a loaded object emits no SQL (echo=True shows it).
from typing import Optional
from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, Session


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    fullname: Mapped[Optional[str]]

    def __repr__(self) -> str:
        return f"User(id={self.id!r}, name={self.name!r}, fullname={self.fullname!r})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([User(name="spongebob"), User(name="sandy"), User(name="patrick")])
    session.commit()

engine.echo = True
session = Session(engine)
u1 = session.scalars(select(User).where(User.name == "sandy")).one()
u2 = session.scalars(select(User).where(User.id == 2)).one()
print(u1 is u2)

print("--- get() of a loaded object: no SQL")
u3 = session.get(User, 2)
print(u3 is u1)

print("--- get() of another id: SELECT")
u4 = session.get(User, 3)
print(u4)

print("--- get() of a missing id")
print(session.get(User, 42))

print("--- the identity map")
print(list(session.identity_map.keys()))
print(session.identity_map[(User, (2,), None)] is u1)
