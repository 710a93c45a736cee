# Golden SQL for session.expire(obj, [attrs]): the next read SELECTs only the expired
# columns, other (even changed) attributes are kept (crates/orm/src/session/tests_expiry.rs).
# Run: python expire_attrs.py (SQLAlchemy 2.1.9).
from sqlalchemy import create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, Session

class Base(DeclarativeBase): pass

class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    fullname: Mapped[str]
    nick: Mapped[str]

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with engine.begin() as c:
    c.exec_driver_sql("INSERT INTO users VALUES (1, 'a', 'A', 'x')")
engine.echo = True
s = Session(engine)
u = s.get(User, 1)
u.nick = "changed"
with engine.begin() as c:
    c.exec_driver_sql("UPDATE users SET name = 'b', fullname = 'B', nick = 'y'")
s.expire(u, ["fullname", "name"])
print(u.fullname, u.name, u.nick)
s.close()
