# SQLAlchemy Unified Tutorial, "Raiseload": lazy="raise_on_sql" / lazy="raise" prevent lazy
# loading; the access raises InvalidRequestError unless the collection was eagerly loaded.
from typing import List
from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session
from sqlalchemy.orm import selectinload


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    addresses: Mapped[List["Address"]] = relationship(
        back_populates="user", lazy="raise"
    )


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email_address: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped["User"] = relationship(back_populates="addresses", lazy="raise_on_sql")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(User(name="sandy", addresses=[Address(email_address="sandy@sqlalchemy.org")]))
    session.commit()

session = Session(engine)
u1 = session.execute(select(User)).scalars().first()
try:
    u1.addresses
except Exception as e:
    print(type(e).__name__)
    print(e)

u1 = session.execute(
    select(User).options(selectinload(User.addresses)).execution_options(populate_existing=True)
).scalars().first()
print([a.email_address for a in u1.addresses])

a1 = session.scalars(select(Address)).first()
print(a1.user.name)

session.expunge_all()
a1 = session.scalars(select(Address)).first()
a1.user
