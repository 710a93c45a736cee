# from https://docs.sqlalchemy.org/en/20/core/sqlelement.html#sqlalchemy.sql.expression.bindparam ("expanding" IN parameters)
from sqlalchemy import *
from sqlalchemy import MetaData, Table, Column, Integer, String, ForeignKey
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

stmt = select(user_table.c.name).where(user_table.c.id.in_(bindparam("ids", expanding=True)))
print(stmt)
print(select(user_table.c.name).where(user_table.c.id.not_in(bindparam("ids"))))
e2 = create_engine("sqlite://", echo=True)
metadata_obj.create_all(e2)
with e2.begin() as conn:
    conn.execute(insert(user_table), [{"name": "a"}, {"name": "b"}, {"name": "c"}])
    print(conn.execute(stmt, {"ids": [1, 3]}).all())
    print(conn.execute(stmt, {"ids": [2]}).all())
    print(conn.execute(stmt, {"ids": []}).all())
    print(conn.execute(update(user_table).where(user_table.c.id.in_(bindparam("ids"))).values(fullname="x"), {"ids": (1, 2)}).rowcount)
