# from https://docs.sqlalchemy.org/en/20/orm/queryguide/relationships.html#immediate-loading (immediateload, lazy="immediate")
from typing import List, Optional
from sqlalchemy import create_engine, ForeignKey, String, select, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session

class Base(DeclarativeBase):
    pass

class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    fullname: Mapped[Optional[str]]
    addresses: Mapped[List["Address"]] = relationship(back_populates="user")
    def __repr__(self):
        return f"User(id={self.id!r}, name={self.name!r}, fullname={self.fullname!r})"

class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email_address: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped["User"] = relationship(back_populates="addresses")
    def __repr__(self):
        return f"Address(id={self.id!r}, email_address={self.email_address!r})"

engine = create_engine("sqlite://", echo=False)
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([
        User(name="spongebob", fullname="Spongebob Squarepants", addresses=[Address(email_address="spongebob@sqlalchemy.org")]),
        User(name="sandy", fullname="Sandy Cheeks", addresses=[Address(email_address="sandy@sqlalchemy.org"), Address(email_address="sandy@squirrelpower.org")]),
        User(name="patrick", fullname="Patrick Star"),
    ])
    session.commit()
engine.echo = True
from sqlalchemy.orm import immediateload
class Post(Base):
    __tablename__ = "post"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    author: Mapped[User] = relationship(lazy="immediate")
engine.echo = False
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all([Post(title="p1", user_id=1), Post(title="p2", user_id=2), Post(title="p3", user_id=1)])
    s.commit()
engine.echo = True
with Session(engine) as s:
    for u in s.scalars(select(User).options(immediateload(User.addresses)).order_by(User.id)):
        print(u.name, u.addresses)
    s.expunge_all()
    posts = s.scalars(select(Post).order_by(Post.id)).all()
    print([(p.title, p.author.name) for p in posts])
