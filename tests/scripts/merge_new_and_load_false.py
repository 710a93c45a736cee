# Merge: merging an object whose primary key is not in the database makes a new pending copy;
# load=False merges without a SELECT; merge cascades along relationships.
from typing import List, Optional
from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    fullname: Mapped[Optional[str]]
    addresses: Mapped[List["Address"]] = relationship(back_populates="user")

    def __repr__(self) -> str:
        return f"User(id={self.id!r}, name={self.name!r}, fullname={self.fullname!r})"


class Address(Base):
    __tablename__ = "address"

    id: Mapped[int] = mapped_column(primary_key=True)
    email_address: Mapped[str]
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped[Optional["User"]] = relationship(back_populates="addresses")

    def __repr__(self) -> str:
        return f"Address(id={self.id!r}, email_address={self.email_address!r})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

with Session(engine) as session:
    session.add_all([
        User(name="spongebob", fullname="Spongebob Squarepants",
             addresses=[Address(email_address="spongebob@sqlalchemy.org")]),
        User(name="sandy", fullname="Sandy Cheeks",
             addresses=[Address(email_address="sandy@sqlalchemy.org"),
                        Address(email_address="sandy@squirrelpower.org")]),
    ])
    session.commit()

from sqlalchemy import inspect

session = Session(engine)
ghost = User(id=10, name="ghost")
m = session.merge(ghost)
print(m is ghost, inspect(m).pending, inspect(ghost).transient)

u = User(name="gary", addresses=[Address(email_address="gary@snail.com")])
m2 = session.merge(u)
print(m2 is u, m2.addresses, m2.addresses[0] is u.addresses[0])
session.commit()
print(session.scalars(select(User).order_by(User.id)).all())

session2 = Session(engine)
m3 = session2.merge(m, load=False)
print(m3, inspect(m3).persistent)
