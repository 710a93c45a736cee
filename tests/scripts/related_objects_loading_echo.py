# Unified Tutorial, "Working with ORM Related Objects", "Using Relationships in Queries" and
# "Loader Strategies", with echo=True: join(User.addresses), where(Address.user == obj),
# with_parent(), contains_eager with an explicit join, raiseload('*') guarding lazy loads.
from typing import List

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import (
    DeclarativeBase, Mapped, Session, contains_eager, mapped_column, raiseload, relationship,
    selectinload, with_parent,
)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    addresses: Mapped[List["Address"]] = relationship(back_populates="user")

    def __repr__(self):
        return f"User(id={self.id!r}, name={self.name!r})"


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email_address: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped[User] = relationship(back_populates="addresses")

    def __repr__(self):
        return f"Address(id={self.id!r}, email_address={self.email_address!r})"


engine = create_engine("sqlite+pysqlite:///:memory:")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([
        User(name="spongebob", addresses=[Address(email_address="spongebob@sqlalchemy.org")]),
        User(name="sandy", addresses=[Address(email_address="sandy@sqlalchemy.org"),
                                      Address(email_address="sandy@squirrelpower.org")]),
        User(name="patrick"),
    ])
    session.commit()

engine.echo = True
with Session(engine) as session:
    print(select(Address.email_address).select_from(User).join(User.addresses).where(User.name == "sandy"))
    sandy = session.execute(select(User).filter_by(name="sandy")).scalar_one()
    print(session.execute(select(Address).where(Address.user == sandy).order_by(Address.id)).scalars().all())
    print(session.scalars(select(Address).where(with_parent(sandy, User.addresses))).all())

    stmt = (
        select(Address)
        .join(Address.user)
        .where(User.name == "spongebob")
        .options(contains_eager(Address.user))
    )
    for address in session.scalars(stmt):
        print(address.email_address, address.user)

    stmt = select(User).options(selectinload(User.addresses), raiseload("*")).order_by(User.id)
    for user in session.scalars(stmt):
        print(user.name, [a.email_address for a in user.addresses])

with Session(engine) as session:
    addr = session.scalars(select(Address).options(raiseload(Address.user)).where(Address.id == 1)).one()
    try:
        addr.user
    except Exception as e:
        print(type(e).__name__, e)
