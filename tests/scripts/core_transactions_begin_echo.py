# from https://docs.sqlalchemy.org/en/20/tutorial/dbapi_transactions.html
# and https://docs.sqlalchemy.org/en/20/core/connections.html (begin once, begin_nested)
from sqlalchemy import create_engine, text
from sqlalchemy.exc import InvalidRequestError

engine = create_engine("sqlite+pysqlite:///:memory:", echo=True)

with engine.connect() as conn:
    conn.execute(text("CREATE TABLE some_table (x int, y int)"))
    conn.execute(
        text("INSERT INTO some_table (x, y) VALUES (:x, :y)"),
        [{"x": 1, "y": 1}, {"x": 2, "y": 4}],
    )
    conn.commit()

# "begin once"
with engine.begin() as conn:
    conn.execute(
        text("INSERT INTO some_table (x, y) VALUES (:x, :y)"),
        [{"x": 6, "y": 8}, {"x": 9, "y": 10}],
    )

# an explicit transaction on a connection
with engine.connect() as conn:
    with conn.begin():
        conn.execute(text("INSERT INTO some_table (x, y) VALUES (:x, :y)"), {"x": 11, "y": 12})
    print("in transaction after block:", conn.in_transaction())
    trans = conn.begin()
    conn.execute(text("INSERT INTO some_table (x, y) VALUES (:x, :y)"), {"x": 13, "y": 14})
    print(trans.is_active)
    trans.rollback()
    print(trans.is_active, conn.in_transaction())
    try:
        conn.execute(text("SELECT 1"))
        conn.begin()
    except InvalidRequestError as err:
        print("InvalidRequestError:", err)
    conn.rollback()

# savepoints
with engine.begin() as conn:
    with conn.begin_nested():
        conn.execute(text("INSERT INTO some_table (x, y) VALUES (:x, :y)"), {"x": 20, "y": 21})
    try:
        with conn.begin_nested():
            conn.execute(text("INSERT INTO some_table (x, y) VALUES (:x, :y)"), {"x": 22, "y": 23})
            raise ValueError("changed my mind")
    except ValueError as err:
        print("caught:", err)
    sp = conn.begin_nested()
    conn.execute(text("INSERT INTO some_table (x, y) VALUES (:x, :y)"), {"x": 24, "y": 25})
    sp.rollback()
    sp = conn.begin_nested()
    conn.execute(text("INSERT INTO some_table (x, y) VALUES (:x, :y)"), {"x": 26, "y": 27})
    sp.commit()

with engine.connect() as conn:
    result = conn.execute(text("SELECT x, y FROM some_table ORDER BY x"))
    for row in result:
        print(f"x: {row.x}  y: {row.y}")
