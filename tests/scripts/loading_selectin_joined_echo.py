# ORM Querying Guide, "Relationship Loading Techniques": selectinload and joinedload as query
# options, chained along a path, joinedload of a collection with unique(), innerjoin=True.
from typing import List, Optional
from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session
from sqlalchemy.orm import selectinload, joinedload


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    addresses: Mapped[List["Address"]] = relationship(back_populates="user")

    def __repr__(self) -> str:
        return f"User(id={self.id!r}, name={self.name!r})"


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email_address: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped["User"] = relationship(back_populates="addresses")
    keywords: Mapped[List["Keyword"]] = relationship()

    def __repr__(self) -> str:
        return f"Address(id={self.id!r}, email_address={self.email_address!r})"


class Keyword(Base):
    __tablename__ = "keyword"
    id: Mapped[int] = mapped_column(primary_key=True)
    word: Mapped[str]
    address_id: Mapped[Optional[int]] = mapped_column(ForeignKey("address.id"))

    def __repr__(self) -> str:
        return f"Keyword({self.word!r})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all(
        [
            User(name="spongebob", addresses=[
                Address(email_address="spongebob@sqlalchemy.org",
                        keywords=[Keyword(word="sea"), Keyword(word="sponge")])]),
            User(name="sandy", addresses=[
                Address(email_address="sandy@sqlalchemy.org"),
                Address(email_address="sandy@squirrelpower.org",
                        keywords=[Keyword(word="squirrel")])]),
            User(name="patrick"),
        ]
    )
    session.commit()

engine.echo = True
with Session(engine) as session:
    stmt = select(User).options(
        selectinload(User.addresses).selectinload(Address.keywords)
    ).order_by(User.id)
    for user in session.scalars(stmt):
        print(user, [(a.email_address, a.keywords) for a in user.addresses])

with Session(engine) as session:
    stmt = select(User).options(joinedload(User.addresses)).order_by(User.id)
    users = session.scalars(stmt).unique().all()
    for user in users:
        print(user.name, user.addresses)

with Session(engine) as session:
    stmt = select(Address).options(joinedload(Address.user, innerjoin=True)).order_by(Address.id)
    for address in session.scalars(stmt):
        print(address.email_address, address.user)

with Session(engine) as session:
    stmt = (
        select(User)
        .options(joinedload(User.addresses).joinedload(Address.keywords))
        .where(User.name == "sandy")
    )
    sandy = session.scalars(stmt).unique().one()
    print(sandy, [a.keywords for a in sandy.addresses])
