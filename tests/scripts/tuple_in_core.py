# tuple_() in Core: IN rows, literal_binds, != a row, as a column, and rows of different lengths (SQLite refuses).
from sqlalchemy import create_engine, select, tuple_, column, table, text
from sqlalchemy.exc import OperationalError

engine = create_engine("sqlite://")
t = table("t", column("a"), column("b"))
with engine.connect() as conn:
    conn.execute(text("create table t (a int, b int)"))
    conn.execute(text("insert into t values (1, 2), (3, 4), (5, 6)"))
    q = select(t.c.a).where(tuple_(t.c.a, t.c.b).in_([(3, 4), (5, 6)])).order_by(t.c.a)
    print(conn.execute(q).scalars().all())
    print(q.compile(compile_kwargs={"literal_binds": True}))
    print(conn.execute(select(t.c.b).where(tuple_(t.c.a, t.c.b) != (1, 2)).order_by(t.c.b)).scalars().all())
    print(conn.execute(select(tuple_(t.c.a, t.c.b).in_([(1, 2)]).label("hit")).order_by(t.c.a)).all())
    try:
        conn.execute(select(t.c.a).where(tuple_(t.c.a, t.c.b).in_([(1, 2), (3,)])))
    except OperationalError as e:
        print(type(e).__name__, e.orig)
