# Result methods: all(), first(), one(), one_or_none(), scalar(), scalar_one(), scalars(),
# fetchone()/fetchmany(), columns(), and what happens when a result is consumed.
from sqlalchemy import create_engine, text

engine = create_engine("sqlite://")
with engine.begin() as conn:
    conn.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)"))
    conn.execute(text("INSERT INTO t (name) VALUES (:n)"), [{"n": "a"}, {"n": "b"}, {"n": "c"}])

with engine.connect() as conn:
    q = text("SELECT id, name FROM t ORDER BY id")
    print(conn.execute(q).all())
    print(conn.execute(q).first())
    print(conn.execute(text("SELECT id, name FROM t WHERE id = 2")).one())
    print(conn.execute(text("SELECT id, name FROM t WHERE id = 9")).one_or_none())
    print(conn.execute(text("SELECT name FROM t WHERE id = 9")).scalar())
    print(conn.execute(text("SELECT name FROM t WHERE id = 3")).scalar_one())
    print(conn.execute(q).scalars().all())
    print(conn.execute(q).scalars(1).all())
    print(conn.execute(q).columns("name", "id").all())
    r = conn.execute(q)
    print(r.fetchone(), r.fetchmany(1), r.fetchall(), r.fetchone())
    r = conn.execute(q)
    r.all()
    print(r.all())
    print(conn.execute(text("SELECT count(*) AS n FROM t")).scalar_one())
    print(list(conn.execute(q).tuples()))
    for method in ("one", "scalar_one"):
        for sql in ("SELECT id FROM t", "SELECT id FROM t WHERE id > 5"):
            try:
                getattr(conn.execute(text(sql)), method)()
            except Exception as e:
                print(method, type(e).__name__, e)
