# Printing Core statements: str(stmt) uses named :params; compile(compile_kwargs=
# {"literal_binds": True}) inlines values; the SQLite dialect's compilation uses "?".
from sqlalchemy import MetaData, Table, Column, Integer, String, ForeignKey
from sqlalchemy import select, insert, update, delete, and_, or_, func, create_engine
from sqlalchemy.dialects import sqlite

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

print(select(user_table.c.name, address_table.c.email_address).join_from(user_table, address_table))
print(select(user_table).where(
    and_(
        or_(user_table.c.name == "squidward", user_table.c.name == "sandy"),
        address_table.c.user_id == user_table.c.id,
    )
))
print(select(user_table.c.name, func.count(address_table.c.id).label("count"))
      .join(address_table).group_by(user_table.c.name).having(func.count(address_table.c.id) > 1))
print(select(user_table).order_by(user_table.c.name.desc()).limit(3).offset(1))
stmt = update(user_table).where(user_table.c.name == "patrick").values(fullname="Patrick the Star")
print(stmt)
print(delete(user_table).where(user_table.c.name == "patrick"))
print(insert(user_table).values(name="spongebob"))
print(stmt.compile(compile_kwargs={"literal_binds": True}))
print(select(user_table).where(user_table.c.id.in_([1, 2, 3])).compile(
    dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))
print(select(user_table).where(user_table.c.name == "x").compile(dialect=sqlite.dialect()))
print(repr(select(user_table).subquery()))
