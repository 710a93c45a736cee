# Golden values for attribute history, deleting a detached object and attaching a duplicate
# identity (crates/orm/src/session/blocks_tests.rs). Run: python history.py (SQLAlchemy 2.1.9).
from sqlalchemy import create_engine, ForeignKey, String, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session
from sqlalchemy.exc import InvalidRequestError

class Base(DeclarativeBase): pass

class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    notes = relationship("Note", lazy="raise")

class Note(Base):
    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    u = User(name="ed")
    print(inspect(u).attrs.name.history)
    s.add(u)
    s.commit()
    print(inspect(u).attrs.name.history)
    print(u.name, inspect(u).attrs.name.history)
    u.name = "edward"
    print(inspect(u).attrs.name.history)
    s.commit()
engine.echo = True
print("### delete detached")
with Session(engine) as s:
    s.delete(u)
    s.commit()
print("### duplicate identity")
with Session(engine) as s:
    s.add(User(id=5, name="x")); s.commit()
    a = s.get(User, 5); s.expunge(a)
    b = s.get(User, 5)
    try:
        s.add(a)
    except InvalidRequestError as e:
        print(type(e).__name__, str(e).replace(hex(id(a)), "0xA"))
