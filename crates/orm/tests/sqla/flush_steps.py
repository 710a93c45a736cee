# Golden SQL: a flush's steps and what a failed flush leaves behind
# (crates/orm/src/unit_of_work/tests_steps.rs).
# 1. A new user with two new addresses and an existing address moved to it: INSERT users, then
#    the addresses table's UPDATE (its foreign key copied from the new user) before its INSERTs.
# 2. A flush failing at its second step: ROLLBACK at once; the user inserted by the first step
#    is transient again (keeping its id), a modified persistent object is expired, a deleted
#    one persistent; everything raises PendingRollbackError until rollback().
# Run: python flush_steps.py (SQLAlchemy 2.1.9).
from typing import List, Optional
from sqlalchemy import ForeignKey, create_engine, inspect, select
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
    email: Mapped[str] = mapped_column(unique=True)
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))

def state(o):
    i = inspect(o)
    return next(k for k in ("transient", "pending", "persistent", "deleted", "detached") if getattr(i, k))

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with engine.begin() as c:
    c.exec_driver_sql("INSERT INTO users VALUES (1, 'old')")
    c.exec_driver_sql("INSERT INTO addresses VALUES (1, 'e1', NULL), (2, 'e2', 1)")
engine.echo = True
s = Session(engine)
e1 = s.get(Address, 1)
u = User(name="u", addresses=[Address(email="a"), Address(email="b")])
s.add(u)
u.addresses.append(e1)
print("### flush")
s.flush()
print("user", u.id, "addresses", [(a.id, a.user_id) for a in u.addresses])
s.commit()
print("### failing flush")
old = s.get(User, 1)
e2 = s.get(Address, 2)
old.name = "renamed"
s.delete(e2)
v = User(name="v", addresses=[Address(email="a")])
s.add(v)
try:
    s.flush()
except Exception as exc:
    print(type(exc).__name__, str(exc).splitlines()[0])
print("states", state(v), state(v.addresses[0]), state(old), state(e2))
print("v.id", v.id, "address user_id", v.addresses[0].user_id)
print("new", len(s.new), "dirty", len(s.dirty), "deleted", len(s.deleted))
print("expired", sorted(inspect(old).expired_attributes))
try:
    s.scalars(select(User)).all()
except Exception as exc:
    print(type(exc).__name__, str(exc)[:60])
s.rollback()
print("### after rollback")
print("states", state(v), state(old), state(e2), old.name)
