# from https://docs.sqlalchemy.org/en/20/orm/queryguide/select.html (Joins, aliased, exists, subqueries, ORM results from textual statements)
from typing import List, Optional

from sqlalchemy import ForeignKey, String, create_engine, exists, func, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, aliased, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    fullname: Mapped[Optional[str]]
    addresses: Mapped[List["Address"]] = relationship(back_populates="user")

    def __repr__(self) -> str:
        return f"User(id={self.id!r}, name={self.name!r})"


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email_address: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped[User] = relationship(back_populates="addresses")

    def __repr__(self) -> str:
        return f"Address(id={self.id!r}, email_address={self.email_address!r})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([
        User(name="spongebob", fullname="Spongebob Squarepants", addresses=[Address(email_address="spongebob@sqlalchemy.org")]),
        User(name="sandy", fullname="Sandy Cheeks", addresses=[Address(email_address="sandy@sqlalchemy.org"), Address(email_address="sandy@squirrelpower.org")]),
        User(name="patrick", fullname="Patrick Star"),
        User(name="squidward", fullname="Squidward Tentacles"),
    ])
    session.commit()

session = Session(engine)

stmt = select(User.name, Address.email_address).join(User.addresses.and_(Address.email_address.like("%sqlalchemy%")))
print(stmt)
print(session.execute(stmt).all())

address_alias_1 = aliased(Address)
address_alias_2 = aliased(Address)
stmt = (
    select(User)
    .join(address_alias_1, User.addresses)
    .where(address_alias_1.email_address == "sandy@sqlalchemy.org")
    .join(address_alias_2, User.addresses)
    .where(address_alias_2.email_address == "sandy@squirrelpower.org")
)
print(stmt)
print(session.scalars(stmt).all())

stmt = select(User.name).where(exists().where(Address.user_id == User.id)).order_by(User.id)
print(stmt)
print(session.scalars(stmt).all())
print(session.scalars(select(User.name).where(~User.addresses.any()).order_by(User.name)).all())

address_count = (
    select(func.count(Address.id)).where(Address.user_id == User.id).scalar_subquery()
)
stmt = select(User.name, address_count.label("address_count")).order_by(User.id)
print(stmt)
print(session.execute(stmt).all())

subq = select(Address).where(~Address.email_address.like("%@aol.com")).subquery()
address_subq = aliased(Address, subq)
stmt = select(User, address_subq).join_from(User, address_subq).order_by(User.id, address_subq.id)
for user, address in session.execute(stmt):
    print(f"{user} {address}")

textual_sql = text("SELECT id, name, fullname FROM user_account ORDER BY id DESC")
print(session.scalars(select(User).from_statement(textual_sql)).all())
stmt = select(User).from_statement(text("SELECT * FROM user_account WHERE name = :name"))
print(session.execute(stmt, {"name": "patrick"}).scalar_one())

stmt = select(User).where(User.id.in_(select(Address.user_id).where(Address.email_address.contains("squirrel"))))
print(session.scalars(stmt).all())

stmt = select(User.name, func.count(Address.id).label("n")).outerjoin(User.addresses).group_by(User.id).having(func.count(Address.id) < 2).order_by(User.name)
print(session.execute(stmt).all())
session.close()
