# SQLAlchemy Unified Tutorial, "Rolling Back": after the update and delete of the previous
# section, session.rollback() expires sandy (its __dict__ holds only the state) and restores
# patrick to the session. __dict__ shows an InstanceState repr with a memory address.
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

session = Session(engine)

sandy = session.execute(select(User).filter_by(name="sandy")).scalar_one()
sandy.fullname = "Sandy Squirrel"
patrick = session.get(User, 3)
session.delete(patrick)
print(session.execute(select(User).where(User.name == "patrick")).first())
print(patrick in session)

engine.echo = True
session.rollback()
print(sandy.__dict__)
print(sandy.fullname)
print(sorted(sandy.__dict__))  # key order after a load follows string hashing
print(patrick in session)
print(session.execute(select(User).where(User.name == "patrick")).scalar_one() is patrick)
