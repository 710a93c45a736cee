# from https://docs.sqlalchemy.org/en/20/core/selectable.html (table(), column(): lightweight
# TableClause / ColumnClause constructs for querying tables without a MetaData)
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

from sqlalchemy import table, column
t = table("user_account", column("id"), column("name"))
print(select(t).where(t.c.name == "sandy"))
with engine.connect() as conn:
    print(conn.execute(select(t.c.name).order_by(t.c.id)).all())
    print(conn.execute(select(t).where(t.c.id > 1)).all())
a = table("address", column("user_id", Integer), column("email_address", String))
print(select(t.c.name, a.c.email_address).select_from(t).join(a, t.c.id == a.c.user_id))
with engine.connect() as conn:
    print(conn.execute(select(t.c.name, a.c.email_address).select_from(t).join(a, t.c.id == a.c.user_id)).all())
print(select(column("x")))
print(select(column("a"), column("b")).select_from(table("some_table")))

# a textual SELECT with declared columns, used as a subquery
from sqlalchemy import text
stmt = text("SELECT id, name FROM user_account").columns(user_table.c.id, user_table.c.name)
print(select(stmt.subquery()))
stmt = text("SELECT id, name FROM user_account").columns(column("id", Integer), column("name", String))
subq = stmt.subquery()
print(select(subq.c.name).where(subq.c.id > 1))
with engine.connect() as conn:
    print(conn.execute(select(subq.c.name).where(subq.c.id > 1).order_by(subq.c.name)).scalars().all())
