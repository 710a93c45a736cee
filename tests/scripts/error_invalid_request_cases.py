# InvalidRequestError and friends, caught and printed: misuses a learner makes with a Session.
from typing import List, Optional
from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30), unique=True)
    fullname: Mapped[Optional[str]]
    addresses: Mapped[List["Address"]] = relationship(back_populates="user")

    def __repr__(self) -> str:
        return f"User(id={self.id!r}, name={self.name!r}, fullname={self.fullname!r})"


class Address(Base):
    __tablename__ = "address"

    id: Mapped[int] = mapped_column(primary_key=True)
    email_address: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped["User"] = relationship(back_populates="addresses")

    def __repr__(self) -> str:
        return f"Address(id={self.id!r}, email_address={self.email_address!r})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([
        User(name="spongebob", fullname="Spongebob Squarepants",
             addresses=[Address(email_address="spongebob@sqlalchemy.org")]),
        User(name="sandy", fullname="Sandy Cheeks"),
    ])
    session.commit()

from sqlalchemy import inspect

session = Session(engine)
cases = {
    "refresh a transient object": lambda: session.refresh(User(name="x")),
    "delete a transient object": lambda: session.delete(User(name="x")),
    "expunge an object not in the session": lambda: session.expunge(User(name="x")),
    "expire a transient object": lambda: session.expire(User(name="x")),
    "get() with a wrong number of pk values": lambda: session.get(User, (1, 2)),
    "add a non-mapped object": lambda: session.add("sandy"),
    "select an unknown attribute": lambda: select(User).where(User.nickname == "x"),
    "filter_by an unknown key": lambda: session.scalars(select(User).filter_by(nickname="x")).all(),
    "join with no relationship between the entities": lambda: session.execute(select(User).join(Session)).all(),
    "unknown keyword to the constructor": lambda: User(nickname="x"),
    "scalar_one on two rows": lambda: session.scalars(select(User)).one(),
    "inspect a plain object": lambda: inspect(object()),
}
for label, action in cases.items():
    try:
        action()
        print(f"{label}: no error")
    except Exception as e:
        print(f"{label}: {type(e).__module__}.{type(e).__name__}: {e}")
