# echo=True with hide_parameters=True, and a long parameter list: SQLAlchemy truncates the
# logged parameters of executemany ("... displaying 10 of 25 total bound parameter sets ...").
from sqlalchemy import create_engine, text

engine = create_engine("sqlite://", echo=True, hide_parameters=True)
with engine.begin() as conn:
    conn.execute(text("CREATE TABLE t (x INTEGER)"))
    conn.execute(text("INSERT INTO t VALUES (:x)"), {"x": 42})

engine2 = create_engine("sqlite://", echo=True)
with engine2.begin() as conn:
    conn.execute(text("CREATE TABLE t (x INTEGER, s TEXT)"))
    conn.execute(text("INSERT INTO t VALUES (:x, :s)"), [{"x": i, "s": "v%d" % i} for i in range(25)])
    conn.execute(text("INSERT INTO t VALUES (:x, :s)"), {"x": 1, "s": "x" * 400})
