# from https://docs.sqlalchemy.org/en/20/core/engines.html#configuring-logging
import logging
import sys

from sqlalchemy import create_engine, text

# An application's own logging, set up before SQLAlchemy logs anything: the root level
# alone does not turn the SQL log on (SQLAlchemy keeps its loggers at WARNING).
logging.basicConfig(stream=sys.stdout, format="%(levelname)s %(name)s: %(message)s", level=logging.INFO)
app = logging.getLogger("app")
app.info("starting")

engine = create_engine("sqlite://")
with engine.connect() as conn:
    print(conn.execute(text("select 1 + 1")).scalar())

# The docs' way to see the SQL without echo=True.
logging.getLogger("sqlalchemy.engine").setLevel(logging.INFO)
with engine.begin() as conn:
    conn.execute(text("CREATE TABLE t (x INTEGER, y VARCHAR)"))
    conn.execute(text("INSERT INTO t VALUES (:x, :y)"), [{"x": 1, "y": "a"}, {"x": 2, "y": "b"}])
    rows = conn.execute(text("SELECT x, y FROM t WHERE x > :m"), {"m": 0}).all()
    app.info("fetched %d rows", len(rows))

logging.getLogger("sqlalchemy.engine").setLevel(logging.WARNING)
with engine.connect() as conn:
    print(conn.execute(text("SELECT count(*) FROM t")).scalar())
app.warning("done")
