# from https://docs.sqlalchemy.org/en/20/core/constraints.html and
# https://docs.sqlalchemy.org/en/20/core/metadata.html: constraints and indexes in CREATE TABLE,
# CreateTable() printed, scalar defaults and onupdate values in Core
from sqlalchemy import (
    MetaData, Table, Column, Integer, String, Boolean, ForeignKey, CheckConstraint,
    UniqueConstraint, Index, create_engine, select, text,
)
from sqlalchemy.schema import CreateTable, DropTable

metadata_obj = MetaData()
mytable = Table(
    "mytable",
    metadata_obj,
    # per-column CHECK constraint
    Column("col1", Integer, CheckConstraint("col1>5")),
    Column("col2", Integer),
    Column("col3", Integer),
    # table level CHECK constraint.  'name' is optional.
    CheckConstraint("col2 > col3 + 5", name="check1"),
)
product = Table(
    "product",
    metadata_obj,
    Column("id", Integer, primary_key=True),
    Column("sku", String(20), nullable=False, unique=True),
    Column("name", String(50), nullable=False),
    Column("vendor", String(30)),
    Column("active", Boolean, default=True),
    Column("revision", Integer, default=1, onupdate=2),
    Column("note", String, server_default="none yet"),
    UniqueConstraint("name", "vendor", name="uq_name_vendor"),
)
Index("ix_product_vendor_name", product.c.vendor, product.c.name)
line = Table(
    "line",
    metadata_obj,
    Column("id", Integer, primary_key=True),
    Column("product_id", ForeignKey("product.id", ondelete="CASCADE"), nullable=False),
    Column("qty", Integer, CheckConstraint("qty > 0", name="ck_line_qty"), nullable=False),
)

print(CreateTable(mytable))
print(CreateTable(product))
print(CreateTable(line).compile(create_engine("sqlite://")))
print(DropTable(line))

engine = create_engine("sqlite://", echo=True)
metadata_obj.create_all(engine)
with engine.begin() as conn:
    conn.execute(product.insert(), [{"sku": "A1", "name": "Anvil", "vendor": "Acme"}])
    conn.execute(product.update().where(product.c.sku == "A1").values(name="Big Anvil"))
    print(conn.execute(select(product)).all())
    try:
        conn.execute(line.insert(), {"product_id": 1, "qty": 0})
    except Exception as err:
        print(type(err).__name__, str(err).splitlines()[0])

# server defaults as the default compiler and SQLite's write them
from sqlalchemy import DateTime, func
stamped = Table(
    "stamped",
    MetaData(),
    Column("id", Integer, primary_key=True),
    Column("created", DateTime, server_default=func.now()),
    Column("flag", Integer, server_default=text("1 + 1")),
)
print(CreateTable(stamped))
print(CreateTable(stamped).compile(engine))
