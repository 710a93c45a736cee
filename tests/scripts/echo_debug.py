# create_engine(..., echo="debug"): the log also shows result rows ("Row (...)") and the
# "Col (...)" line with the column names.
from sqlalchemy import create_engine, text

engine = create_engine("sqlite://", echo="debug")
with engine.begin() as conn:
    conn.execute(text("CREATE TABLE t (x INTEGER, y TEXT)"))
    conn.execute(text("INSERT INTO t VALUES (1, 'one'), (2, 'two')"))
with engine.connect() as conn:
    rows = conn.execute(text("SELECT x, y FROM t ORDER BY x")).all()
print(rows)
