# Golden: SQLAlchemy 2.0's rule that assigning the many-to-one side does not cascade the object
# into the parent's session, while appending on the parent's side does
# (crates/orm/src/relationship/tests.rs). Run: python backref_cascade.py (SQLAlchemy 2.1.9).
import warnings
from sqlalchemy import create_engine, ForeignKey
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session

class Base(DeclarativeBase): pass

class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    addresses = relationship("Address", back_populates="user")

class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    user = relationship("User", back_populates="addresses")

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
engine.echo = True
warnings.simplefilter("ignore")
s = Session(engine)
u = User(name="u"); s.add(u)
a = Address(email="by-backref", user=u)
b = Address(email="appended")
u.addresses.append(b)
print("a in session:", a in s, "b in session:", b in s)
s.flush()
print("after flush: a.id", a.id, "b.id", b.id)
s.rollback()
