# SQLAlchemy Unified Tutorial, "Working with ORM Related Objects": persisting and loading
# relationships, with echo=True: back-population, cascade of session.add, lazy load.
from typing import List
from typing import Optional
from sqlalchemy import ForeignKey
from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship


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

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

engine = create_engine("sqlite+pysqlite:///:memory:")
Base.metadata.create_all(engine)
session = Session(engine)

u1 = User(name="pkrabs", fullname="Pearl Krabs")
print(u1.addresses)

a1 = Address(email_address="pearl.krabs@gmail.com")
u1.addresses.append(a1)
print(u1.addresses)
print(a1.user)

a2 = Address(email_address="pearl@aol.com", user=u1)
print(u1.addresses)

session.add(u1)
print(u1 in session)
print(a1 in session)
print(a2 in session)

print(u1.id)
print(a1.user_id)

engine.echo = True
session.commit()

print(u1.id)
print(u1.addresses)
print(u1.addresses)
