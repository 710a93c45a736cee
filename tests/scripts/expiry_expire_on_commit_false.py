# Expiry: sessionmaker(expire_on_commit=False) keeps loaded values after commit, so objects
# stay readable after the session is closed.
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

from sqlalchemy.orm import sessionmaker
from sqlalchemy import inspect

Session = sessionmaker(engine, expire_on_commit=False)
with Session() as session:
    patrick = User(name="patrick", fullname="Patrick Star")
    session.add(patrick)
    session.commit()
    print(inspect(patrick).expired_attributes)

print(inspect(patrick).detached)
print(patrick)
print(patrick.__dict__["name"])

Session2 = sessionmaker(engine)
with Session2() as session:
    gary = User(name="gary", fullname="Gary the Snail")
    session.add(gary)
    session.commit()
    print(sorted(inspect(gary).expired_attributes))
    print(gary)
