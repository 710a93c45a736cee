# Golden SQL for session.merge(): the cascade over a one-to-many, a detached object with
# changes, load=False; and the weak identity map (crates/orm/src/session/merge_tests.rs,
# crates/orm/src/session/weak_tests.rs). Run: python merge.py (SQLAlchemy 2.1.9, CPython 3.11).
import gc
from typing import List, Optional
from sqlalchemy import ForeignKey, String, create_engine, inspect, select
from sqlalchemy.exc import InvalidRequestError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    addresses: Mapped[List["Address"]] = relationship(back_populates="user")


class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    user: Mapped[Optional[User]] = relationship(back_populates="addresses")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(User(name="ed", addresses=[Address(email="ed@a"), Address(email="ed@b")]))
    s.commit()
engine.echo = True

print("### detached with changes, cascade over the one-to-many")
with Session(engine) as s:
    ed = s.get(User, 1)
    print([a.email for a in ed.addresses])
detached = ed
detached.name = "edward"
detached.addresses[0].email = "edward@a"
detached.addresses.append(Address(email="edward@c"))
with Session(engine) as s:
    m = s.merge(detached)
    print(m is detached, m.name, [a.email for a in m.addresses])
    print(inspect(m).persistent, [inspect(a).pending for a in m.addresses])
    print(sorted(a.email for a in s.dirty if isinstance(a, Address)), m in s.dirty, len(s.new))
    s.commit()

print("### transient without a key: new pending copies")
with Session(engine) as s:
    u = User(name="gary", addresses=[Address(email="gary@a")])
    m = s.merge(u)
    print(m is u, inspect(m).pending, inspect(u).transient, len(s.new))
    print(m.addresses[0] is u.addresses[0], m.addresses[0].user is m)
    s.commit()
    print(m.id, m.addresses[0].id)

print("### load=False")
with Session(engine) as s:
    ed = s.get(User, 1)
    print(ed.name, [a.email for a in ed.addresses])
with Session(engine) as s:
    m = s.merge(ed, load=False)
    print(m.name, inspect(m).persistent, m in s.dirty, [a.email for a in m.addresses])
    print(len(s.identity_map))
    s.commit()
with Session(engine) as s:
    try:
        s.merge(User(name="x"), load=False)
    except InvalidRequestError as e:
        print("InvalidRequestError:", e)
    ed.name = "changed"
    try:
        s.merge(ed, load=False)
    except InvalidRequestError as e:
        print("InvalidRequestError:", e)

print("### weak identity map")
with Session(engine) as s:
    s.add(User(name="wendy"))
    s.commit()
    gc.collect()
    print(len(s.identity_map))
    w = s.get(User, 3)
    print(w.name, len(s.identity_map))
    print(s.get(User, 3) is w)
    del w
    gc.collect()
    print(len(s.identity_map))
    w = s.get(User, 3)
    w.name = "wendy2"
    del w
    gc.collect()
    print(len(s.identity_map), len(s.dirty))
    s.flush()
    gc.collect()
    print(len(s.identity_map))
    u = s.get(User, 1)
    print(len(u.addresses), len(s.identity_map))
    del u
    gc.collect()
    print(len(s.identity_map))
    s.rollback()
