# create_engine(..., echo=True): the SQL log on stdout. BEGIN (implicit), the statement, its
# parameters with "[generated in ...]" the first time and "[cached since ... ago]" after,
# COMMIT / ROLLBACK. Timestamps and timings vary between runs (see README, normalization).
from sqlalchemy import create_engine, text

engine = create_engine("sqlite://", echo=True)
with engine.connect() as conn:
    conn.execute(text("CREATE TABLE t (x INTEGER, y TEXT)"))
    conn.execute(text("INSERT INTO t VALUES (:x, :y)"), {"x": 1, "y": "one"})
    conn.execute(text("INSERT INTO t VALUES (:x, :y)"), {"x": 2, "y": "two"})
    conn.execute(text("INSERT INTO t VALUES (:x, :y)"), [{"x": 3, "y": "three"}, {"x": 4, "y": "four"}])
    conn.commit()
    print(conn.execute(text("SELECT x, y FROM t WHERE x > :x"), {"x": 2}).all())
    print(conn.execute(text("SELECT x, y FROM t WHERE x > :x"), {"x": 3}).all())
print("after the block")
