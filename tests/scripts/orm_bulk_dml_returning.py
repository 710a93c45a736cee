# ORM bulk DML as the 2.0 docs show it ("ORM-Enabled INSERT, UPDATE, and DELETE"): insert()
# with a list of dicts (consecutive rows with the same keys share a statement; a column left
# out takes its Python default), insert().returning(User) giving objects, bulk UPDATE by
# primary key, UPDATE ... RETURNING, DELETE rowcount, and a flushed change rolled back.
from sqlalchemy import ForeignKey, String, create_engine, select, func, insert, update, delete, bindparam
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, sessionmaker


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30), unique=True)
    karma: Mapped[int] = mapped_column(default=0)


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
SessionLocal = sessionmaker(engine, expire_on_commit=False)
with SessionLocal.begin() as s:
    s.execute(insert(User), [{"name": "a"}, {"name": "b", "karma": 5}, {"name": "c"}])
    users = s.scalars(insert(User).returning(User), [{"name": "d"}, {"name": "f"}, {"name": "e", "karma": 2}, {"name": "g", "karma": 3}, {"name": "h"}]).all()
    print([(u.id, u.name, u.karma) for u in users])
    s.execute(update(User), [{"id": 1, "karma": 10}, {"id": 2, "karma": 20}])
    r = s.execute(update(User).where(User.karma < 5).values(karma=User.karma + 1).returning(User.name, User.karma))
    print(sorted(r.all()))
    print(s.execute(delete(User).where(User.name == "e")).rowcount)
with SessionLocal() as s:
    print(s.scalars(select(User).order_by(User.karma.desc()).limit(2)).all() and [u.name for u in s.scalars(select(User).order_by(User.karma.desc()).limit(2))])
    u = s.get(User, 1)
    u.karma += 1
    s.flush()
    print(s.scalar(select(func.sum(User.karma))))
    s.rollback()
    print(u.karma)
