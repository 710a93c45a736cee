# Unified Tutorial, "ORM Querying" bits: select() with join_from() and join(), where() with a
# relationship comparison (Address.user == obj), scalars().all(), and session.execute(select(A, B))
# rows printed as Row reprs, by index and by attribute.
from typing import List, Optional

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


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
    user_id = mapped_column(ForeignKey("user_account.id"))

    user: Mapped[User] = relationship(back_populates="addresses")

    def __repr__(self) -> str:
        return f"Address(id={self.id!r}, email_address={self.email_address!r})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

with Session(engine) as session:
    spongebob = User(
        name="spongebob",
        fullname="Spongebob Squarepants",
        addresses=[Address(email_address="spongebob@sqlalchemy.org")],
    )
    sandy = User(
        name="sandy",
        fullname="Sandy Cheeks",
        addresses=[
            Address(email_address="sandy@sqlalchemy.org"),
            Address(email_address="sandy@squirrelpower.org"),
        ],
    )
    patrick = User(name="patrick", fullname="Patrick Star")
    session.add_all([spongebob, sandy, patrick])
    session.commit()

with Session(engine) as session:
    stmt = select(User.name, Address.email_address).join_from(User, Address).order_by(Address.id)
    print(stmt)
    for row in session.execute(stmt):
        print(row)

    stmt = select(Address).join(Address.user).where(User.name == "sandy").order_by(Address.id)
    addresses = session.scalars(stmt).all()
    print(addresses)

    sandy = session.scalars(select(User).filter_by(name="sandy")).one()
    stmt = select(Address.email_address).where(Address.user == sandy).order_by(Address.email_address)
    print(stmt)
    print(session.scalars(stmt).all())

    rows = session.execute(select(User, Address).join(User.addresses).order_by(User.id, Address.id)).all()
    print(len(rows))
    for row in rows:
        print(row)
    first = rows[0]
    print(first[0].name, first.Address.email_address)
    print(type(first).__name__, tuple(first._fields))

    stmt = select(User).where(User.addresses.any()).order_by(User.name)
    print([u.name for u in session.scalars(stmt)])
    stmt = select(User).where(~User.addresses.any()).order_by(User.name)
    print(session.scalars(stmt).all())

    print(session.execute(select(User.name, User.fullname).where(User.id == 2)).one())
    print(session.execute(select(User.name).order_by(User.name)).scalars().all())
