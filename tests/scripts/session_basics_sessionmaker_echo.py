# from https://docs.sqlalchemy.org/en/20/orm/session_basics.html (sessionmaker.begin, connection(), object_session) and https://docs.sqlalchemy.org/en/20/orm/session_state_management.html (make_transient)
from typing import List, Optional
from sqlalchemy import create_engine, ForeignKey, String, select, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session

class Base(DeclarativeBase):
    pass

class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    fullname: Mapped[Optional[str]]
    addresses: Mapped[List["Address"]] = relationship(back_populates="user")
    def __repr__(self):
        return f"User(id={self.id!r}, name={self.name!r}, fullname={self.fullname!r})"

class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email_address: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped["User"] = relationship(back_populates="addresses")
    def __repr__(self):
        return f"Address(id={self.id!r}, email_address={self.email_address!r})"

engine = create_engine("sqlite://", echo=False)
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([
        User(name="spongebob", fullname="Spongebob Squarepants", addresses=[Address(email_address="spongebob@sqlalchemy.org")]),
        User(name="sandy", fullname="Sandy Cheeks", addresses=[Address(email_address="sandy@sqlalchemy.org"), Address(email_address="sandy@squirrelpower.org")]),
        User(name="patrick", fullname="Patrick Star"),
    ])
    session.commit()
engine.echo = True
from sqlalchemy.orm import sessionmaker, object_session, make_transient
from sqlalchemy import func
Sm = sessionmaker(engine, expire_on_commit=False)
with Sm.begin() as session:
    session.add(User(name="ned"))
with Sm() as session:
    session.info["request_id"] = 42
    print(session.is_active, session.in_transaction())
    conn = session.connection()
    print(conn.execute(select(func.count(User.id))).scalar())
    u = session.scalars(select(User).where(User.name == "ned")).one()
    print(object_session(u) is session)
    print(session.info)
    r = session.execute(select(User.id, User.name).order_by(User.id))
    print(r.fetchmany(2), r.fetchone(), r.keys())
    print(session.scalars(select(User.id)).unique().all())
    u2 = session.get(User, 2)
    session.expunge(u2)
    make_transient(u2)
    u2.id = None
    u2.name = "sandy2"
    session.add(u2)
    session.commit()
    print(u2.id, u2.name)
    print(session.scalars(select(User).order_by(User.id.desc())).first())
    print(session.info, session.is_active)
    try:
        session.add(User(name="sandy2", fullname=None, id=5))
        session.flush()
    except Exception as e:
        print(type(e).__name__)
        print(session.is_active)
        session.rollback()
    print(session.is_active)
