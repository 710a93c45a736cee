# from https://docs.sqlalchemy.org/en/20/tutorial/dbapi_transactions.html, https://docs.sqlalchemy.org/en/20/core/connections.html
# and https://docs.sqlalchemy.org/en/20/core/selectable.html: executemany with echo, text().bindparams(), exec_driver_sql(),
# Result errors, an IntegrityError, and the generative methods of select()
from sqlalchemy import MetaData, Table, Column, Integer, String, ForeignKey
from sqlalchemy import create_engine, text, select, insert, update, delete, bindparam, func
metadata_obj = MetaData()
user_table = Table(
    "user_account", metadata_obj,
    Column("id", Integer, primary_key=True),
    Column("name", String(30)),
    Column("fullname", String),
)
address_table = Table(
    "address", metadata_obj,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("user_account.id"), nullable=False),
    Column("email_address", String, nullable=False),
)
engine = create_engine("sqlite+pysqlite:///:memory:")
metadata_obj.create_all(engine)
with engine.begin() as conn:
    conn.execute(insert(user_table), [
        {"name": "spongebob", "fullname": "Spongebob Squarepants"},
        {"name": "sandy", "fullname": "Sandy Cheeks"},
        {"name": "patrick", "fullname": "Patrick Star"},
    ])
    conn.execute(insert(address_table), [
        {"user_id": 1, "email_address": "spongebob@sqlalchemy.org"},
        {"user_id": 2, "email_address": "sandy@sqlalchemy.org"},
        {"user_id": 2, "email_address": "sandy@squirrelpower.org"},
    ])
e2 = create_engine("sqlite://", echo=True)
m2 = MetaData()
t = Table("t", m2, Column("id", Integer, primary_key=True), Column("v", String), Column("n", Integer, default=0))
m2.create_all(e2)
with e2.begin() as conn:
    conn.execute(t.insert(), [{"v": "a"}, {"v": "b"}, {"v": "c"}])
    conn.execute(t.insert(), [{"v": "d", "n": 1}, {"v": "e", "n": 2}])
    conn.execute(t.update().where(t.c.id == bindparam("ident")).values(v=bindparam("nv")), [{"ident": 1, "nv": "x"}, {"ident": 2, "nv": "y"}])
    conn.execute(t.delete().where(t.c.id == bindparam("ident")), [{"ident": 3}, {"ident": 4}])
    print(conn.execute(select(t)).all())
    r = conn.execute(t.insert().returning(t.c.id, t.c.v), [{"v": "f"}, {"v": "g"}])
    print(r.all())
    r = conn.execute(t.insert(), {"v": "h"})
    print(r.inserted_primary_key, r.rowcount)
    r = conn.execute(t.update().values(n=t.c.n + 1))
    print(r.rowcount)

e2 = create_engine("sqlite://", echo=True)
with e2.connect() as conn:
    conn.execute(text("CREATE TABLE t (x int, y text)"))
    conn.execute(text("INSERT INTO t VALUES (:x, :y)"), [{"x": 1, "y": "a"}, {"x": 2, "y": "b"}])
    stmt = text("SELECT x, y FROM t WHERE x > :x ORDER BY x").bindparams(x=0)
    print(conn.execute(stmt).all())
    print(conn.execute(text("SELECT x FROM t WHERE y IN ('a', 'b')")).scalars().all())
    r = conn.exec_driver_sql("SELECT x, y FROM t WHERE x = ?", (2,))
    print(r.all())
    conn.commit()

with engine.connect() as conn:
    try:
        conn.execute(select(user_table)).one()
    except Exception as e:
        print(type(e).__name__, e)
    try:
        conn.execute(select(user_table).where(user_table.c.id == 99)).one()
    except Exception as e:
        print(type(e).__name__, e)
    try:
        conn.execute(select(user_table.c.id)).scalar_one()
    except Exception as e:
        print(type(e).__name__, e)

with engine.connect() as conn:
    try:
        conn.execute(insert(user_table).values(id=1, name="dup"))
    except Exception as e:
        print(type(e).__name__)
        print(e)
    conn.rollback()

stmt = text("SELECT id, name FROM user_account").columns(user_table.c.id, user_table.c.name)
with engine.connect() as conn:
    for row in conn.execute(stmt):
        print(row.id, row.name)

print(select(user_table.c["name", "fullname"]))

print(select(user_table).with_only_columns(user_table.c.name))
print(select(user_table.c.id).add_columns(user_table.c.name))
print(select(user_table).where(user_table.c.id == 1).where(user_table.c.name == "x").whereclause)
print(select(user_table).filter(user_table.c.id > 1).filter_by(name="sandy"))
print(select(user_table).order_by(None))

print(select(user_table).where(user_table.c.id.in_([1, 2])).compile(engine))
print(select(user_table).where(user_table.c.id.in_([1, 2])).compile(engine, compile_kwargs={"literal_binds": True}))

