# from https://docs.sqlalchemy.org/en/20/core/metadata.html ("Creating and Dropping Database
# Tables": Table.create()/drop() with checkfirst) and the types of SQL expressions
from sqlalchemy import MetaData, Table, Column, Integer, String, ForeignKey, DateTime
from sqlalchemy import create_engine, select, func

metadata_obj = MetaData()
user_table = Table(
    "user_account",
    metadata_obj,
    Column("id", Integer, primary_key=True),
    Column("name", String(30)),
    Column("created", DateTime),
)
address_table = Table(
    "address",
    metadata_obj,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("user_account.id"), nullable=False),
    Column("email_address", String, nullable=False, index=True),
)

engine = create_engine("sqlite://", echo=True)
user_table.create(engine)
address_table.create(engine, checkfirst=True)
address_table.create(engine, checkfirst=True)
address_table.drop(engine)
user_table.drop(engine, checkfirst=True)
user_table.drop(engine, checkfirst=True)
print(user_table.name, user_table.fullname, user_table.schema)

# the SQL type of an expression
print(func.now().type)
print(func.max(user_table.c.id).type)
print(func.count().type)
print((user_table.c.id + 5).type)
print(user_table.c.name.like("x").type)
print(select(user_table.c.id).scalar_subquery().type)
print(user_table.c.created.type, repr(user_table.c.name.type), user_table.c.name.type.length)
