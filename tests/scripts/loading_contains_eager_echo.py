# ORM Querying Guide, "Relationship Loading Techniques": contains_eager() loading a collection
# from an explicit join, and a custom-filtered collection with populate_existing.
from typing import List
from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session
from sqlalchemy.orm import contains_eager


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    addresses: Mapped[List["Address"]] = relationship(back_populates="user")


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email_address: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped["User"] = relationship(back_populates="addresses")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([
        User(name="ed", addresses=[Address(email_address="ed@aol.com"),
                                   Address(email_address="ed@gmail.com")]),
        User(name="wendy", addresses=[Address(email_address="wendy@aol.com")]),
        User(name="mary"),
    ])
    session.commit()

session = Session(engine)
engine.echo = True
stmt = (
    select(User)
    .join(User.addresses)
    .options(contains_eager(User.addresses))
    .order_by(User.id, Address.id)
)
for user in session.scalars(stmt).unique():
    print(user.name, [a.email_address for a in user.addresses])

stmt = (
    select(User)
    .join(User.addresses)
    .where(Address.email_address.like("%@aol.com"))
    .options(contains_eager(User.addresses))
    .execution_options(populate_existing=True)
)
for user in session.scalars(stmt).unique().all():
    print(user.name, [a.email_address for a in user.addresses])

stmt = select(Address).join(Address.user).where(User.name == "ed").options(
    contains_eager(Address.user)
)
for address in session.scalars(stmt):
    print(address.email_address, address.user.name)
session.close()
