# from the 1.x "SQL Expression Language Tutorial" as learners still paste it into 2.x:
# Table.join()/outerjoin() in select_from(), table.select()/insert()/update()/delete(), and the
# errors of the removed forms (select([...]), row["name"], execute(stmt, name=...), engine.execute())
from sqlalchemy import MetaData, Table, Column, Integer, String, ForeignKey
from sqlalchemy import create_engine, insert, select, and_
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
j = user_table.join(address_table)
print(j)
print(select(user_table.c.name, address_table.c.email_address).select_from(j))
j = user_table.outerjoin(address_table, user_table.c.id == address_table.c.user_id)
print(select(user_table.c.name).select_from(j))
with engine.connect() as conn:
    print(conn.execute(select(user_table.c.name, address_table.c.email_address).select_from(j).order_by(user_table.c.id)).all())
print(user_table.select().where(user_table.c.id == 1))
print(user_table.insert().values(name="x"))
print(user_table.update().where(user_table.c.id == 1).values(name="y"))
print(user_table.delete().where(user_table.c.id == 1))
try:
    select([user_table])
except Exception as e:
    print(type(e).__name__, e)
with engine.connect() as conn:
    row = conn.execute(select(user_table)).first()
    try:
        row["name"]
    except Exception as e:
        print(type(e).__name__, e)
with engine.connect() as conn:
    try:
        conn.execute(user_table.insert(), name="jack")
    except Exception as e:
        print(type(e).__name__, e)
try:
    engine.execute(select(user_table))
except Exception as e:
    print(type(e).__name__, e)
s = select(user_table.c.name.label("username"), (user_table.c.id * 10).label("tenfold"))
with engine.connect() as conn:
    for row in conn.execute(s):
        print(row.username, row.tenfold)
print(select(user_table).where(user_table.c.name.in_(select(address_table.c.email_address).scalar_subquery())))
a1 = address_table.alias("a1")
a2 = address_table.alias("a2")
s = select(user_table.c.name).where(and_(user_table.c.id == a1.c.user_id, user_table.c.id == a2.c.user_id, a1.c.email_address != a2.c.email_address))
print(s)
with engine.connect() as conn:
    print(conn.execute(s).all())
