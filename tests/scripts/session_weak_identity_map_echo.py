# The identity map holds objects weakly: a clean persistent object nothing references leaves
# the session (get() SELECTs it again); new, dirty and deleted objects stay until flushed.
from typing import List, Optional
from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    addresses: Mapped[List["Address"]] = relationship(back_populates="user")

    def __repr__(self):
        return f"User({self.name!r})"


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped[Optional[User]] = relationship(back_populates="addresses")

    def __repr__(self):
        return f"Address({self.email!r})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

with Session(engine) as session:
    session.add_all([User(name="spongebob", addresses=[Address(email="sb@a")]), User(name="sandy")])
    session.commit()
    print(len(session.identity_map), list(session))

    engine.echo = True
    sandy = session.get(User, 2)
    print(len(session.identity_map), list(session.identity_map.values()))
    print(session.get(User, 2) is sandy)
    del sandy
    print(len(session.identity_map))
    session.get(User, 2).name = "Sandy"
    print(len(session.identity_map), session.dirty)
    session.flush()
    print(len(session.identity_map))

    users = session.scalars(select(User).order_by(User.id)).all()
    print(users, len(session.identity_map))
    print(users[0].addresses, len(session.identity_map))
    del users
    print(len(session.identity_map))
    session.delete(session.get(User, 2))
    print(len(session.identity_map), session.deleted)
    session.rollback()
