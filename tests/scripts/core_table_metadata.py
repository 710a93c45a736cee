# SQLAlchemy Unified Tutorial, "Working with Database Metadata" and "Working with Data" (Core):
# MetaData/Table/Column, create_all, insert(), select(), update(), delete(), with echo=True.
from sqlalchemy import MetaData, Table, Column, Integer, String, ForeignKey
from sqlalchemy import create_engine, insert, select, update, delete, func

metadata_obj = MetaData()

user_table = Table(
    "user_account",
    metadata_obj,
    Column("id", Integer, primary_key=True),
    Column("name", String(30)),
    Column("fullname", String),
)

address_table = Table(
    "address",
    metadata_obj,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("user_account.id"), nullable=False),
    Column("email_address", String, nullable=False),
)

print(user_table.c.name)
print(user_table.c.keys())
print(user_table.primary_key)

engine = create_engine("sqlite+pysqlite:///:memory:", echo=True)
metadata_obj.create_all(engine)

stmt = insert(user_table).values(name="spongebob", fullname="Spongebob Squarepants")
print(stmt)
compiled = stmt.compile()
print(compiled.params)

with engine.connect() as conn:
    result = conn.execute(stmt)
    conn.commit()
    print(result.inserted_primary_key)

with engine.connect() as conn:
    result = conn.execute(
        insert(user_table),
        [
            {"name": "sandy", "fullname": "Sandy Cheeks"},
            {"name": "patrick", "fullname": "Patrick Star"},
        ],
    )
    conn.commit()

stmt = select(user_table).where(user_table.c.name == "spongebob")
print(stmt)
with engine.connect() as conn:
    for row in conn.execute(stmt):
        print(row)

with engine.begin() as conn:
    result = conn.execute(
        update(user_table).where(user_table.c.name == "patrick").values(fullname="Patrick the Star")
    )
    print(result.rowcount)
    result = conn.execute(delete(user_table).where(user_table.c.name == "sandy"))
    print(result.rowcount)

with engine.connect() as conn:
    print(conn.execute(select(user_table.c.name, user_table.c.fullname).order_by(user_table.c.id)).all())
    print(conn.execute(select(func.count()).select_from(user_table)).scalar())
