# from https://docs.sqlalchemy.org/en/20/core/defaults.html ("Column INSERT/UPDATE Defaults"):
# scalar and Python-function defaults and onupdates on a Core Table, server defaults,
# Identity() and Sequence() (which SQLite leaves out), with echo=True
import itertools
from sqlalchemy import (
    MetaData, Table, Column, Integer, String, Identity, Sequence, create_engine, select, text,
)

counter = itertools.count(1)


def next_version():
    return next(counter)


def default_label():
    return "label-%d" % 100


metadata_obj = MetaData()
t = Table(
    "mytable",
    metadata_obj,
    Column("id", Integer, Identity(start=3), primary_key=True),
    Column("seq", Integer, Sequence("some_seq")),
    # a scalar default, a Python function default and an onupdate
    Column("kind", String(10), default="plain"),
    Column("label", String(20), default=default_label),
    Column("version", Integer, default=next_version, onupdate=next_version),
    Column("note", String(20), server_default=text("'(none)'")),
)

engine = create_engine("sqlite://", echo=True)
metadata_obj.create_all(engine)
with engine.begin() as conn:
    conn.execute(t.insert(), [{"kind": "a"}, {"kind": "b"}])
    conn.execute(t.insert(), {"label": "mine"})
    try:
        # every parameter set must have the keys of the first
        conn.execute(t.insert(), [{"kind": "x"}, {"label": "y"}])
    except Exception as err:
        print(type(err).__name__, err)
    conn.execute(t.insert().values(kind="c"))
    conn.execute(t.update().where(t.c.id == 2).values(kind="changed"))
    conn.execute(t.update().where(t.c.id == 3).values(version=99))
for row in engine.connect().execute(select(t).order_by(t.c.id)):
    print(row)
