# Golden for crates/orm/src/relationship/tests.rs (a_loaded_relationship_cascades_nothing):
# the flush's save-update cascade follows what was set since an object was loaded, not a
# relationship as loaded (a user that left the session by make_transient() stays out).
# Run: python cascade_attached.py (SQLAlchemy 2.1.9, CPython 3.11).
from sqlalchemy import ForeignKey, String, create_engine, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, make_transient


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    addresses: Mapped[list["Address"]] = relationship(back_populates="user", cascade="all, delete-orphan")


class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped[User] = relationship(back_populates="addresses")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(User(name="u", addresses=[Address(email="x")]))
    s.commit()
engine.echo = True
with Session(engine) as s:
    a = s.get(Address, 1)
    u = a.user
    s.expunge(u)
    make_transient(u)
    s.flush()
    print(inspect(u).transient, u in s)
    a.user = User(name="v")
    s.flush()
    print(a.user_id, inspect(a.user).persistent)
