# Golden for crates/orm/src/unit_of_work/tests_commit.rs: when the values a flush's INSERTs
# wrote become committed (the end of the flush; a generated key at once), after a failed
# flush or commit and after a COMMIT that SQLite refuses.
# Run: python flush_commits.py (SQLAlchemy 2.1.9, CPython 3.11).
from sqlalchemy import String, create_engine, event, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "item"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, nullable=False)


class Tag(Base):
    __tablename__ = "tag"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, nullable=False)


def seen(objs):
    for o in objs:
        st = inspect(o)
        print(" ", "transient" if st.transient else "persistent", o.__dict__.get("id"),
              st.attrs.id.history, st.attrs.name.history)


for mode in ["flush", "commit"]:
    print("###", mode)
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    s = Session(engine)
    a = Item(name="a")
    s.add(a)
    s.flush()
    b, c = Item(name="b"), Item(id=7, name="c")
    s.add_all([Tag(name=None), b, c])
    try:
        getattr(s, mode)()
    except Exception as ex:
        print(type(ex).__name__)
    seen([a, b, c])
    s.rollback()
    seen([a, b, c])

print("### refused COMMIT")
engine = create_engine("sqlite://")


@event.listens_for(engine, "connect")
def fk(dbapi_conn, rec):
    dbapi_conn.execute("PRAGMA foreign_keys = ON")


with engine.begin() as conn:
    conn.exec_driver_sql("CREATE TABLE parent (id INTEGER PRIMARY KEY)")
    conn.exec_driver_sql(
        "CREATE TABLE child (id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, parent_id INTEGER "
        "REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)")


class Child(Base):
    __tablename__ = "child"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String, nullable=False)
    parent_id: Mapped[int] = mapped_column(nullable=True)


s = Session(engine)
orphan = Child(name="x", parent_id=9)
s.add(orphan)
try:
    s.commit()
except Exception as ex:
    print(type(ex).__name__, ex.orig)
seen([orphan])
s.rollback()
seen([orphan])
