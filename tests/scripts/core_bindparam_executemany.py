# bindparam() in Core statements: an UPDATE run executemany-style with named parameters, a
# SELECT whose bindparam has a default value (and a new cache entry when parameters are
# given), and the StatementError of a bindparam left without a value.
from sqlalchemy import *
md = MetaData()
t = Table("user_account", md, Column("id", Integer, primary_key=True), Column("name", String(30)), Column("fullname", String))
engine = create_engine("sqlite://", echo=True)
md.create_all(engine)
with engine.begin() as conn:
    conn.execute(insert(t), [{"name": "spongebob"}, {"name": "sandy"}, {"name": "patrick"}])
    stmt = update(t).where(t.c.name == bindparam("oldname")).values(name=bindparam("newname"))
    print(stmt)
    conn.execute(stmt, [{"oldname": "jack", "newname": "ed"}, {"oldname": "sandy", "newname": "mary"}])
    q = select(t.c.name).where(t.c.id > bindparam("min_id", 1)).order_by(t.c.id)
    print(q)
    print(conn.execute(q).scalars().all())
    print(conn.execute(q, {"min_id": 2}).scalars().all())
    try:
        conn.execute(select(t).where(t.c.id == bindparam("x")))
    except Exception as e:
        print(type(e).__name__, e)
