# Session.merge() as the "Merging" section of the SQLAlchemy docs describes it: state is
# copied onto the session's own instance (located by primary key in the identity map or
# loaded with a SELECT), merge cascades along relationships, and load=False skips the SELECT.
from typing import List, Optional
from sqlalchemy import ForeignKey, String, create_engine, inspect
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session


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
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped[Optional[User]] = relationship(back_populates="addresses")

    def __repr__(self):
        return f"Address(id={self.id!r}, email_address={self.email_address!r})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(User(name="spongebob", addresses=[Address(email_address="spongebob@sqlalchemy.org")]))
    session.commit()

# An object loaded by one session, changed while detached...
with Session(engine) as session:
    spongebob = session.get(User, 1)
    print(spongebob.addresses)
spongebob.name = "Spongebob Squarepants"
spongebob.addresses.append(Address(email_address="spongebob@bikinibottom.org"))
print(inspect(spongebob).detached)

engine.echo = True
# ...is merged into another: its row is SELECTed, the changes copied, the new address cascaded.
with Session(engine) as session:
    merged = session.merge(spongebob)
    print(merged is spongebob, merged, merged.addresses)
    print(inspect(merged).persistent, inspect(merged.addresses[1]).pending)
    print(merged in session.dirty, len(session.new))
    session.commit()

# Merging an object already in the identity map copies onto it without SQL.
with Session(engine) as session:
    mine = session.get(User, 1)
    merged = session.merge(User(id=1, name="SpongeBob"))
    print(merged is mine, mine.name, session.dirty)
    session.rollback()

# load=False: no SELECT; the object must be clean.
with Session(engine) as session:
    cached = session.get(User, 1)
    print(cached.addresses)
with Session(engine) as session:
    merged = session.merge(cached, load=False)
    print(merged, merged.addresses, inspect(merged).persistent, session.dirty)
    try:
        session.merge(User(name="squidward"), load=False)
    except InvalidRequestError as e:
        print(f"{type(e).__name__}: {e}")
cached.name = "changed"
with Session(engine) as session:
    try:
        session.merge(cached, load=False)
    except InvalidRequestError as e:
        print(f"{type(e).__name__}: {e}")
