# from https://docs.sqlalchemy.org/en/20/core/metadata.html ("Accessing Tables and Columns"):
# what a Table, its columns, keys and constraints tell about themselves
from sqlalchemy import MetaData, Table, Column, Integer, String, ForeignKey

metadata_obj = MetaData()
user_table = Table(
    "user_account",
    metadata_obj,
    Column("id", Integer, primary_key=True),
    Column("name", String(30), nullable=False),
    Column("fullname", String),
)
address_table = Table(
    "address",
    metadata_obj,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("user_account.id", ondelete="CASCADE"), nullable=False),
    Column("email_address", String, nullable=False),
)

# access the column "id":
print(repr(user_table.c.id))
# or just
print(repr(user_table.c["id"]))
# iterate through all columns
for c in user_table.c:
    print(c.name, c.type, c.nullable, c.primary_key)
# get the table's primary key columns
for primary_key in user_table.primary_key:
    print(primary_key)
print(user_table.primary_key.columns.keys())
# get the table's foreign key objects:
for fkey in address_table.foreign_keys:
    print(fkey, fkey.target_fullname, fkey.ondelete)
print(address_table.c.user_id.foreign_keys)
# access the table's MetaData:
print(user_table.metadata is metadata_obj if hasattr(user_table, "metadata") else True)
# access a column's name, type, nullable, primary key, foreign key
print(user_table.c.name.name, user_table.c.name.type, user_table.c.name.nullable)
print(address_table.c.user_id.type, repr(address_table.c.user_id.type))
# access a column's table:
print(repr(user_table.c.id.table) == repr(user_table), str(user_table.c.id.table))
print(user_table.c.keys(), user_table.c.name in list(user_table.c))
print(sorted(metadata_obj.tables), "address" in metadata_obj.tables)
print([t.name for t in metadata_obj.sorted_tables])
print(user_table.c.name.type.length)
