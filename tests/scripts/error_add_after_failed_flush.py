# After a failed flush: add() still works (rollback() then warns the change is discarded),
# IntegrityError carries the statement and parameters, and a closed session leaves its objects
# detached (a lazy load raises DetachedInstanceError, loaded columns still read).
from typing import List

from sqlalchemy import create_engine, String, ForeignKey, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session
from sqlalchemy.exc import IntegrityError

class Base(DeclarativeBase):
    pass

class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(100), unique=True)
    posts: Mapped[List["Post"]] = relationship(back_populates="author")

class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    author: Mapped[User] = relationship(back_populates="posts")

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(User(email="a@x"))
    s.commit()
    s.add(User(email="a@x"))
    try:
        s.commit()
    except IntegrityError as e:
        print("caught:", e)
        print(e.params, e.statement)
    try:
        s.add(User(email="b@x"))
    except Exception as e:
        print(type(e).__name__, str(e).replace(hex(id(u)), "0x..."))
    s.rollback()
    u = s.scalars(select(User)).first()
s.close()
try:
    print(u.posts)
except Exception as e:
    print(type(e).__name__, str(e).replace(hex(id(u)), "0x..."))
print(u.email)
