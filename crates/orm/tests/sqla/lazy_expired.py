# Golden SQL: appending to the collection of an expired object loads the object's row first,
# then the collection (crates/orm/src/session/tests_expiry.rs).
# Run: python lazy_expired.py (SQLAlchemy 2.1.9).
from typing import List, Optional
from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session

class Base(DeclarativeBase): pass

class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    addresses: Mapped[List["Address"]] = relationship()

class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with engine.begin() as c:
    c.exec_driver_sql("INSERT INTO users VALUES (1, 'u1')")
    c.exec_driver_sql("INSERT INTO addresses VALUES (1, 1)")
s = Session(engine)
u = s.get(User, 1)
s.commit()
engine.echo = True
u.addresses.append(Address())
print("loaded", u.__dict__["name"], len(u.addresses))
s.commit()
