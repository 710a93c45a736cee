# Row.t / Row._t / Row.tuple() / Row._tuple(): the row itself, with SQLAlchemy 2.1's deprecation warnings.
from sqlalchemy import create_engine, text
engine = create_engine("sqlite://")
with engine.connect() as conn:
    row = conn.execute(text("select 1 as a, 2 as b")).first()
    print(row.t)
    print(row._t)
    print(row.tuple())
    print(row._tuple())
    for r in conn.execute(text("select 3 as a, 4 as b union all select 5, 6")):
        print(r._t, r.tuple())
    a, b = row._t
    print(a + b, type(row.t).__name__)
