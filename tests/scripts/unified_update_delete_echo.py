# SQLAlchemy Unified Tutorial, "Updating ORM Objects using the Unit of Work pattern" and
# "Deleting ORM Objects using the Unit of Work pattern", with echo=True (autoflush shows).
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

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

engine = create_engine("sqlite+pysqlite:///:memory:")
Base.metadata.create_all(engine)

with Session(engine) as session:
    session.add_all(
        [
            User(name="spongebob", fullname="Spongebob Squarepants",
                 addresses=[Address(email_address="spongebob@sqlalchemy.org")]),
            User(name="sandy", fullname="Sandy Cheeks",
                 addresses=[Address(email_address="sandy@sqlalchemy.org"),
                            Address(email_address="sandy@squirrelpower.org")]),
            User(name="patrick", fullname="Patrick Star"),
        ]
    )
    session.commit()

engine.echo = True
session = Session(engine)

sandy = session.execute(select(User).filter_by(name="sandy")).scalar_one()
print(sandy)
sandy.fullname = "Sandy Squirrel"
print(sandy in session.dirty)

sandy_fullname = session.execute(select(User.fullname).where(User.id == 2)).scalar_one()
print(sandy_fullname)
print(sandy in session.dirty)

patrick = session.get(User, 3)
session.delete(patrick)
print(session.deleted)
print(session.execute(select(User).where(User.name == "patrick")).first())
print(patrick in session)
session.commit()
