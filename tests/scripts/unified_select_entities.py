# SQLAlchemy Unified Tutorial, "Selecting ORM Entities and Columns": select(User),
# session.execute() rows vs session.scalars(), columns, entity + column, labels, text().
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

row = session.execute(select(User)).first()
print(row)
print(row[0])

user = session.scalars(select(User)).first()
print(user)

row = session.execute(select(User.name, User.fullname)).first()
print(row)

result = session.execute(
    select(User.name, Address).where(User.id == Address.user_id).order_by(Address.id)
).all()
print(result)

stmt = select(("Username: " + User.name).label("username")).order_by(User.name)
for row in session.execute(stmt):
    print(f"{row.username}")

from sqlalchemy import text
stmt = select(text("'some phrase'"), User.name).order_by(User.name)
print(session.execute(stmt).all())

from sqlalchemy import literal_column
stmt = select(literal_column("'some phrase'").label("p"), User.name).order_by(User.name)
for row in session.execute(stmt):
    print(f"{row.p}, {row.name}")

print(session.scalars(select(User.name).where(User.name.like("s%")).order_by(User.name)).all())
print(select(User).where(User.name == "squidward").where(User.fullname.is_not(None)))
