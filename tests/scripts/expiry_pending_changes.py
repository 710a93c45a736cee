# Expiry: a pending change is discarded by expire(); an ORM-enabled update() synchronizes the
# objects it matches in the session, a Core update() of the Table does not, and
# populate_existing overwrites loaded state with the row;
# rollback() expires all and drops pending objects.
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
sponge = session.get(User, 1)
sponge.fullname = "Changed"
print(session.dirty)
session.expire(sponge)
print(session.dirty)
print(sponge.fullname)

from sqlalchemy import update
session.execute(update(User).where(User.id == 1).values(fullname="Changed in the database"))
print(sponge.fullname)

user_table = User.__table__
session.execute(update(user_table).where(user_table.c.id == 1).values(fullname="Core update"))
print(sponge.fullname)
print(session.scalars(select(User).where(User.id == 1)).one().fullname)
print(session.scalars(select(User).where(User.id == 1).execution_options(populate_existing=True)).one().fullname)
new = User(name="new")
session.add(new)
session.rollback()
print(inspect(new).transient, sponge.fullname)
