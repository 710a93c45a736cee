# "Table Reflection" with echo=True, as the Unified Tutorial shows it: Table(autoload_with=...)
# reads the table's columns, primary key, foreign keys, indexes and unique constraints on one
# connection (then the table its foreign key refers to), MetaData.reflect() reads each kind for
# every table in turn, and the Inspector's methods each open a connection; then server
# defaults as declared and as reflected.
from sqlalchemy import create_engine, text, MetaData, Table, Column, Integer, String, select, inspect, insert

engine = create_engine("sqlite+pysqlite:///:memory:", echo=True)
with engine.begin() as conn:
    conn.execute(text("CREATE TABLE user_account (id INTEGER NOT NULL, name VARCHAR(30), fullname VARCHAR, PRIMARY KEY (id))"))
    conn.execute(text(
        "CREATE TABLE address (id INTEGER NOT NULL, user_id INTEGER NOT NULL, "
        "email_address VARCHAR NOT NULL, PRIMARY KEY (id), "
        "FOREIGN KEY(user_id) REFERENCES user_account (id))"
    ))
    conn.execute(text("CREATE INDEX ix_address_email ON address (email_address)"))
    conn.execute(text("CREATE TABLE some_table (x int, y int)"))
    conn.execute(text("INSERT INTO some_table (x, y) VALUES (1, 1), (2, 4), (6, 8)"))

metadata_obj = MetaData()
some_table = Table("some_table", metadata_obj, autoload_with=engine)
print(repr(some_table))
print(some_table.c.keys())
with engine.connect() as conn:
    print(conn.execute(select(some_table).where(some_table.c.y > 2)).all())

# reflecting a table also reflects the table its foreign key refers to
address = Table("address", metadata_obj, autoload_with=engine)
print(repr(address))
print(sorted(metadata_obj.tables))
user_account = metadata_obj.tables["user_account"]
print(repr(user_account))
print(select(user_account.c.name, address.c.email_address).join(address))
with engine.begin() as conn:
    conn.execute(insert(user_account), [{"name": "sandy", "fullname": "Sandy Cheeks"}])
    conn.execute(insert(address), [{"user_id": 1, "email_address": "sandy@sqlalchemy.org"}])
with engine.connect() as conn:
    print(conn.execute(select(user_account.c.name, address.c.email_address).join(address)).all())

# MetaData.reflect()
meta2 = MetaData()
meta2.reflect(bind=engine)
print(sorted(meta2.tables))
print([t.name for t in meta2.sorted_tables])
print(meta2.tables["address"].c.user_id.foreign_keys)

# the Inspector
insp = inspect(engine)
print(insp.get_table_names())
print(insp.get_columns("user_account"))
print(insp.get_pk_constraint("user_account"))
print(insp.get_foreign_keys("address"))
print(insp.get_indexes("address"))
print(insp.get_indexes("user_account"))
print(insp.has_table("nope"))
try:
    Table("nope", MetaData(), autoload_with=engine)
except Exception as err:
    print(type(err).__name__, err)

# unique and check constraints, parsed from the CREATE TABLE text
with engine.begin() as conn:
    conn.execute(text(
        "CREATE TABLE product (\n"
        "\tid INTEGER NOT NULL, \n"
        "\tsku VARCHAR(20) NOT NULL, \n"
        "\tname VARCHAR(50), \n"
        "\tprice INTEGER CHECK (price > 0), \n"
        "\tPRIMARY KEY (id), \n"
        "\tCONSTRAINT uq_sku UNIQUE (sku), \n"
        "\tCONSTRAINT ck_name CHECK (length(name) > 2), \n"
        "\tUNIQUE (name, price)\n"
        ")"
    ))
insp = inspect(engine)
print(insp.get_unique_constraints("product"))
print(insp.get_check_constraints("product"))
print(insp.get_unique_constraints("user_account"), insp.get_check_constraints("user_account"))

md3 = MetaData()
t = Table("t", md3, Column("id", Integer, primary_key=True), Column("a", Integer, server_default="0"),
          Column("b", String, server_default=text("'x'")), Column("d", Integer))
for c in t.c:
    sd = c.server_default
    print(c.name, type(sd).__name__, repr(sd.arg) if isinstance(sd.arg if sd is not None else None, str) else sd)
md3.create_all(engine)
r = Table("t", MetaData(), autoload_with=engine)
for c in r.c:
    sd = c.server_default
    print(c.name, type(sd).__name__, str(sd.arg) if sd is not None else None)
print(repr(t.c.a.server_default))
