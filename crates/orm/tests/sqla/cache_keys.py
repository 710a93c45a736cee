# Golden cache badges: session.get(), an expired object's refresh, session.refresh() and a
# many-to-one lazy load are compiled-cache entries apart from a user's select() of the same
# SQL (crates/orm/src/session/tests_cache.rs). Run: python cache_keys.py (SQLAlchemy 2.1.9).
from sqlalchemy import create_engine, select, ForeignKey
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, Session, relationship

class Base(DeclarativeBase): pass

class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]

class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user = relationship("User")

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with engine.begin() as c:
    c.exec_driver_sql("INSERT INTO users VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd')")
    c.exec_driver_sql("INSERT INTO addresses VALUES (1, 4)")
engine.echo = True
s = Session(engine)
u1 = s.scalars(select(User).where(User.id == 1)).one()
u2 = s.get(User, 2)
u3 = s.get(User, 3)
s.expire(u2)
print(u2.name)
s.refresh(u3)
a = s.get(Address, 1)
print(a.user.name)
s.expire(u1)
print(u1.name)
s.close()
