# SQLAlchemy Unified Tutorial, "Working with Transactions and the DBAPI": engine.connect(),
# text(), "commit as you go", and engine.begin() ("begin once"), with echo=True as in the docs.
from sqlalchemy import create_engine, text

engine = create_engine("sqlite+pysqlite:///:memory:", echo=True)

with engine.connect() as conn:
    result = conn.execute(text("select 'hello world'"))
    print(result.all())

with engine.connect() as conn:
    conn.execute(text("CREATE TABLE some_table (x int, y int)"))
    conn.execute(
        text("INSERT INTO some_table (x, y) VALUES (:x, :y)"),
        [{"x": 1, "y": 1}, {"x": 2, "y": 4}],
    )
    conn.commit()

with engine.begin() as conn:
    conn.execute(
        text("INSERT INTO some_table (x, y) VALUES (:x, :y)"),
        [{"x": 6, "y": 8}, {"x": 9, "y": 10}],
    )

with engine.connect() as conn:
    conn.execute(text("INSERT INTO some_table (x, y) VALUES (:x, :y)"), {"x": 100, "y": 100})
    # no commit: rolled back when the block ends

with engine.connect() as conn:
    print(conn.execute(text("SELECT count(*) FROM some_table")).scalar())
