# from https://docs.sqlalchemy.org/en/20/orm/session_basics.html#flushing (autoflush) and https://docs.sqlalchemy.org/en/20/faq/sessions.html
from typing import List, Optional

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30), unique=True)
    addresses: Mapped[List["Address"]] = relationship(back_populates="user")


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email_address: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped[Optional[User]] = relationship(back_populates="addresses")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

with Session(engine) as session:
    session.add(User(name="spongebob"))
    session.commit()

    # a duplicate name, found by the autoflush of the next query
    session.add(User(name="spongebob"))
    try:
        session.scalars(select(User)).all()
    except IntegrityError as e:
        print(e)
    session.rollback()

    # an address without a user: the autoflush of a lazy load
    u = session.scalars(select(User)).one()
    session.add(Address(email_address="orphan@example.com"))
    try:
        print(u.addresses)
    except IntegrityError as e:
        print(e.orig)
        print(str(e).splitlines()[0])
    session.rollback()

    with session.no_autoflush:
        session.add(Address(email_address="later@example.com"))
        print(session.scalars(select(Address)).all())
    session.expunge_all()

    try:
        session.add(User)
    except Exception as e:
        print(f"{type(e).__name__}: {e}")
        print(f"  caused by {type(e.__cause__).__name__}: {e.__cause__}")

    a = Address(email_address="x@example.com")
    for wrong in (5, "spongebob"):
        try:
            a.user = wrong
        except AttributeError as e:
            print(f"AttributeError: {e}")
    try:
        u.addresses.append(None)
    except Exception as e:
        print(f"{type(e).__name__}: {e}")

    session.add(User(name="spongebob"))
    try:
        session.flush()
    except IntegrityError as e:
        print(str(e).splitlines()[0])
    session.rollback()
