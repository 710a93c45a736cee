# Result.partitions() and fetchmany() sizes: an ORM result yields all its rows at once, a Core
# cursor one row (SQLite's fetchmany default), and yield_per (execution option or
# result.yield_per()) sets the size.
from sqlalchemy import create_engine, select, text, String
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, selectinload
class Base(DeclarativeBase): pass
class T(Base):
    __tablename__ = "t"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(10))
engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all([T(name=c) for c in "abcde"])
    s.commit()
    print([len(p) for p in s.scalars(select(T)).partitions()])
    print([len(p) for p in s.scalars(select(T)).partitions(2)])
    print([len(p) for p in s.scalars(select(T).execution_options(yield_per=2)).partitions()])
    r = s.scalars(select(T)).yield_per(3)
    print([len(p) for p in r.partitions()])
    print([[x.name for x in p] for p in s.execute(select(T.name)).partitions(4)])
    with engine.connect() as c:
        print([len(p) for p in c.execute(text("select * from t")).partitions()])
        print(c.execute(text("select * from t")).fetchmany())
        print(len(c.execute(select(T.id).execution_options(yield_per=2)).fetchmany()))
