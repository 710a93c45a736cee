# from https://docs.sqlalchemy.org/en/20/core/connections.html ("Using Result"):
# Result, Row and RowMapping in depth
from sqlalchemy import create_engine, MetaData, Table, Column, Integer, String, select, insert

engine = create_engine("sqlite://")
metadata = MetaData()
user = Table(
    "user", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(20)),
    Column("team", String(10)),
)
metadata.create_all(engine)
with engine.begin() as conn:
    conn.execute(insert(user), [
        {"name": "ann", "team": "red"},
        {"name": "bob", "team": "blue"},
        {"name": "cy", "team": "red"},
        {"name": "di", "team": "green"},
        {"name": "ed", "team": "blue"},
    ])

stmt = select(user.c.id, user.c.name, user.c.team).order_by(user.c.id)
with engine.connect() as conn:
    result = conn.execute(stmt)
    print(result.keys())
    for partition in result.partitions(2):
        print([row.name for row in partition])

    result = conn.execute(stmt)
    row = result.fetchone()
    print(row, row.name, row[1], row._mapping["team"], row._mapping[user.c.team])
    print(tuple(row), row._fields, row._asdict())
    print(result.fetchmany(2))
    print(result.fetchall())
    print(result.fetchone())

    for m in conn.execute(stmt).mappings():
        print(m["name"], m[user.c.team], dict(m))
    print(conn.execute(stmt).mappings().first())
    print(conn.execute(stmt.where(user.c.id == 2)).mappings().one())

    print(conn.execute(select(user.c.team).order_by(user.c.id)).scalars().unique().all())
    print(conn.execute(stmt).columns("team", "name").all()[:2])
    print(conn.execute(stmt).tuples().all()[-1])
    rows = conn.execute(stmt).all()
    print(sorted(rows, key=lambda r: (r.team, r.name)))
    print(sorted(rows)[0] == rows[0], rows[0] == (1, "ann", "red"))
    print({r.team for r in rows} == {"red", "blue", "green"})
    by_team = {}
    for r in rows:
        by_team.setdefault(r.team, []).append(r.name)
    print(by_team)
    id_, name, team = rows[2]
    print(id_, name, team)
