# SQLAlchemy Unified Tutorial, "Fetching Rows": Row objects as tuples, by attribute name, by
# index, through ._mapping; tuple assignment; result.mappings(); bound parameters with text().
from sqlalchemy import create_engine, text

engine = create_engine("sqlite+pysqlite:///:memory:")
with engine.begin() as conn:
    conn.execute(text("CREATE TABLE some_table (x int, y int)"))
    conn.execute(
        text("INSERT INTO some_table (x, y) VALUES (:x, :y)"),
        [{"x": 1, "y": 1}, {"x": 2, "y": 4}, {"x": 6, "y": 8}, {"x": 9, "y": 10}],
    )

with engine.connect() as conn:
    result = conn.execute(text("SELECT x, y FROM some_table"))
    for row in result:
        print(f"x: {row.x}  y: {row.y}")

with engine.connect() as conn:
    result = conn.execute(text("SELECT x, y FROM some_table"))
    for x, y in result:
        print(x, y)

with engine.connect() as conn:
    result = conn.execute(text("SELECT x, y FROM some_table"))
    row = result.first()
    print(row, type(row).__name__, row[0], row[1], row._mapping["y"], row._asdict())
    print(tuple(row), len(row), row == (1, 1), row._fields)

with engine.connect() as conn:
    result = conn.execute(text("SELECT x, y FROM some_table"))
    for dict_row in result.mappings():
        x = dict_row["x"]
        y2 = dict_row["y"]
        print(dict_row, x, y2)

with engine.connect() as conn:
    result = conn.execute(text("SELECT x, y FROM some_table WHERE y > :y"), {"y": 2})
    for row in result:
        print(f"x: {row.x}  y: {row.y}")

with engine.connect() as conn:
    result = conn.execute(text("SELECT x, y FROM some_table WHERE y > :y ORDER BY x, y"), {"y": 6})
    print(result.keys())
    print(result.all())
