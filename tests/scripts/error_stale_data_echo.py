# from https://docs.sqlalchemy.org/en/20/orm/exceptions.html (StaleDataError) and https://docs.sqlalchemy.org/en/20/faq/sessions.html
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
from sqlalchemy import text
with Session(engine) as s:
    u = s.get(User, 3)
    s.execute(text("DELETE FROM user_account WHERE id = 3"))
    u.fullname = "changed"
    try:
        s.commit()
    except Exception as e:
        print(type(e).__module__, type(e).__name__, e)
        s.rollback()
    u1, u2 = s.get(User, 1), s.get(User, 2)
    s.execute(text("DELETE FROM address"))
    s.execute(text("DELETE FROM user_account WHERE id = 2"))
    u1.fullname = "a"; u2.fullname = "b"
    try:
        s.flush()
    except Exception as e:
        print(type(e).__name__, e)
        s.rollback()
    print(u1.fullname)
    u = s.get(User, 1)
    s.execute(text("DELETE FROM address"))
    s.execute(text("DELETE FROM user_account WHERE id = 1"))
    s.delete(u)
    s.commit()
    print("done")
