# Golden SQL for merge, begin() blocks, no_autoflush and the raise / selectin / joined loader
# strategies (crates/orm/src/session/more_tests.rs, crates/orm/src/query/loading_tests.rs).
# Run: python session_more.py (SQLAlchemy 2.1.9, CPython 3.11).
from sqlalchemy import create_engine, ForeignKey, String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session
from sqlalchemy.exc import InvalidRequestError

class Base(DeclarativeBase): pass

class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    addresses = relationship("Address", back_populates="user")
    notes = relationship("Note", lazy="raise")

class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user = relationship("User", back_populates="addresses")

class Note(Base):
    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
engine.echo = True
print("### begin block")
with Session(engine) as s:
    with s.begin():
        s.add_all([User(name="ed"), User(name="wendy")])
    print("after block in_transaction:", s.in_transaction())
print("### begin block rolls back on error")
with Session(engine) as s:
    try:
        with s.begin():
            s.add(User(name="x"))
            raise ValueError("boom")
    except ValueError:
        pass
    print(s.scalar(select(User).where(User.name == "x")))
print("### no_autoflush")
with Session(engine) as s:
    s.add(User(name="mary"))
    with s.no_autoflush:
        print(s.scalars(select(User).where(User.name == "mary")).first())
    print(s.scalars(select(User).where(User.name == "mary")).first().name)
    s.rollback()
print("### merge")
with Session(engine) as s:
    m = s.merge(User(id=1, name="edward"))
    print(m.name, m in s.dirty)
    m2 = s.merge(User(id=99, name="new"))
    print(m2 in s.new)
    s.commit()
print("### raise")
with Session(engine) as s:
    u = s.get(User, 1)
    try:
        u.notes
    except InvalidRequestError as e:
        print(type(e).__name__, e)
print("### end")
