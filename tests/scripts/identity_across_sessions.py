# Identity maps are per session: two sessions load two distinct objects for the same row; an
# object can belong to one session at a time (adding it to another raises InvalidRequestError).
from typing import Optional
from sqlalchemy import String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, Session


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))

    def __repr__(self) -> str:
        return f"User(id={self.id!r}, name={self.name!r})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(User(name="sandy"))
    session.commit()

s1 = Session(engine)
s2 = Session(engine)
a = s1.get(User, 1)
b = s2.get(User, 1)
print(a, b, a is b, a == b)
print(a in s1, a in s2)
print(Session.object_session(a) is s1)

try:
    s2.add(a)
except Exception as e:
    print(type(e).__name__)
    print(e)

s1.expunge(a)
s2.close()
s2.add(a)
print(a in s2, s2.get(User, 1) is a)
