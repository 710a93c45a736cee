# from https://docs.sqlalchemy.org/en/20/tutorial/data_insert.html and
# https://docs.sqlalchemy.org/en/20/tutorial/data_update.html (Core forms), with echo=True
from sqlalchemy import MetaData, Table, Column, Integer, String, ForeignKey
from sqlalchemy import create_engine, insert, select, update, delete, bindparam

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

print(insert(user_table))
with engine.connect() as conn:
    result = conn.execute(
        insert(user_table),
        [
            {"name": "sandy", "fullname": "Sandy Cheeks"},
            {"name": "patrick", "fullname": "Patrick Star"},
        ],
    )
    conn.commit()

# a scalar subquery in VALUES, with bindparam() names taken from each parameter set
scalar_subq = (
    select(user_table.c.id)
    .where(user_table.c.name == bindparam("username"))
    .scalar_subquery()
)
print(insert(address_table).values(user_id=scalar_subq))
with engine.connect() as conn:
    result = conn.execute(
        insert(address_table).values(user_id=scalar_subq),
        [
            {"username": "spongebob", "email_address": "spongebob@sqlalchemy.org"},
            {"username": "sandy", "email_address": "sandy@sqlalchemy.org"},
            {"username": "sandy", "email_address": "sandy@squirrelpower.org"},
        ],
    )
    conn.commit()

# RETURNING, INSERT ... FROM SELECT, multiple VALUES
insert_stmt = insert(address_table).returning(address_table.c.id, address_table.c.email_address)
print(insert_stmt)
select_stmt = select(user_table.c.id, user_table.c.name + "@aol.com")
insert_stmt = insert(address_table).from_select(["user_id", "email_address"], select_stmt)
print(insert_stmt)
print(insert_stmt.returning(address_table.c.id, address_table.c.email_address))
with engine.begin() as conn:
    print(conn.execute(insert_stmt).rowcount)
multi = insert(user_table).values(
    [
        {"name": "squidward", "fullname": "Squidward Tentacles"},
        {"name": "ehkrabs", "fullname": "Eugene H. Krabs"},
    ]
)
print(multi)
with engine.begin() as conn:
    conn.execute(multi)

# UPDATE
stmt = (
    update(user_table)
    .where(user_table.c.name == "patrick")
    .values(fullname="Patrick the Star")
)
print(stmt)
print(update(user_table).values(fullname="Username: " + user_table.c.name))
stmt = (
    update(user_table)
    .where(user_table.c.name == bindparam("oldname"))
    .values(name=bindparam("newname"))
)
with engine.begin() as conn:
    conn.execute(
        stmt,
        [
            {"oldname": "jack", "newname": "ed"},
            {"oldname": "wendy", "newname": "mary"},
            {"oldname": "jim", "newname": "jake"},
        ],
    )

# correlated UPDATE, UPDATE..FROM
scalar_subq = (
    select(address_table.c.email_address)
    .where(address_table.c.user_id == user_table.c.id)
    .order_by(address_table.c.id)
    .limit(1)
    .scalar_subquery()
)
update_stmt = update(user_table).values(fullname=scalar_subq)
print(update_stmt)
with engine.begin() as conn:
    conn.execute(update_stmt)
update_stmt = (
    update(user_table)
    .where(user_table.c.id == address_table.c.user_id)
    .where(address_table.c.email_address == "patrick@aol.com")
    .values(fullname="Pat")
)
print(update_stmt)
with engine.begin() as conn:
    print(conn.execute(update_stmt).rowcount)

# DELETE
stmt = delete(user_table).where(user_table.c.name == "patrick")
print(stmt)
delete_stmt = (
    delete(user_table)
    .where(user_table.c.id == address_table.c.user_id)
    .where(address_table.c.email_address == "patrick@aol.com")
)
print(delete_stmt)
with engine.begin() as conn:
    result = conn.execute(delete(address_table).where(address_table.c.email_address.like("%@aol.com")))
    print(result.rowcount)
    result = conn.execute(
        update(user_table)
        .values(fullname="Patrick McStar")
        .where(user_table.c.name == "patrick")
    )
    print(result.rowcount)

update_stmt = (
    update(user_table)
    .where(user_table.c.name == "patrick")
    .values(fullname="Patrick the Star")
    .returning(user_table.c.id, user_table.c.name)
)
print(update_stmt)
delete_stmt = (
    delete(user_table)
    .where(user_table.c.name == "patrick")
    .returning(user_table.c.id, user_table.c.name)
)
print(delete_stmt)
with engine.connect() as conn:
    for row in conn.execute(select(user_table).order_by(user_table.c.id)):
        print(row)
    for row in conn.execute(select(address_table).order_by(address_table.c.id)):
        print(row)

# an INSERT of defaults only
print(insert(user_table).values())
print(insert(user_table).values().compile(engine))
with engine.begin() as conn:
    conn.execute(insert(user_table).values())
    print(conn.execute(select(user_table).order_by(user_table.c.id.desc()).limit(1)).one())
