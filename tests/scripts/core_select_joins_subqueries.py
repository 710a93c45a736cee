# from https://docs.sqlalchemy.org/en/20/tutorial/data_select.html (Core forms):
# explicit FROM and JOINs, aliases, subqueries, CTEs, scalar subqueries and correlation,
# UNION, EXISTS, window functions and FILTER
from sqlalchemy import MetaData, Table, Column, Integer, String, ForeignKey
from sqlalchemy import create_engine, insert, select, func, union_all, desc
from sqlalchemy.exc import InvalidRequestError

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
engine = create_engine("sqlite+pysqlite:///:memory:")
metadata_obj.create_all(engine)
with engine.begin() as conn:
    conn.execute(
        insert(user_table),
        [
            {"name": "spongebob", "fullname": "Spongebob Squarepants"},
            {"name": "sandy", "fullname": "Sandy Cheeks"},
            {"name": "patrick", "fullname": "Patrick Star"},
        ],
    )
    conn.execute(
        insert(address_table),
        [
            {"user_id": 1, "email_address": "spongebob@sqlalchemy.org"},
            {"user_id": 2, "email_address": "sandy@sqlalchemy.org"},
            {"user_id": 2, "email_address": "sandy@squirrelpower.org"},
        ],
    )

# Explicit FROM clauses and JOINs
print(select(user_table.c.name, address_table.c.email_address).join_from(user_table, address_table))
print(select(user_table.c.name, address_table.c.email_address).join(address_table))
print(select(address_table.c.email_address).select_from(user_table).join(address_table))
print(select(func.count("*")).select_from(user_table))
print(
    select(address_table.c.email_address)
    .select_from(user_table)
    .join(address_table, user_table.c.id == address_table.c.user_id)
)
print(select(user_table).join(address_table, isouter=True))
print(select(user_table).join(address_table, full=True))

# ORDER BY / GROUP BY by label name
stmt = (
    select(address_table.c.user_id, func.count(address_table.c.id).label("num_addresses"))
    .group_by("user_id")
    .order_by("user_id", desc("num_addresses"))
)
print(stmt)
with engine.connect() as conn:
    print(conn.execute(stmt).all())

# Table aliases
user_alias_1 = user_table.alias()
user_alias_2 = user_table.alias()
print(
    select(user_alias_1.c.name, user_alias_2.c.name).join_from(
        user_alias_1, user_alias_2, user_alias_1.c.id > user_alias_2.c.id
    )
)
address_alias_1 = address_table.alias()
address_alias_2 = address_table.alias()
print(
    select(user_table)
    .join_from(user_table, address_alias_1)
    .where(address_alias_1.c.email_address == "patrick@aol.com")
    .join_from(user_table, address_alias_2)
    .where(address_alias_2.c.email_address == "patrick@gmail.com")
)

# Subqueries and CTEs
subq = (
    select(func.count(address_table.c.id).label("count"), address_table.c.user_id)
    .group_by(address_table.c.user_id)
    .subquery()
)
print(subq)
print(select(subq.c.user_id, subq.c.count))
stmt = select(user_table.c.name, user_table.c.fullname, subq.c.count).join_from(user_table, subq)
print(stmt)
with engine.connect() as conn:
    print(conn.execute(stmt).all())
cte_obj = (
    select(func.count(address_table.c.id).label("count"), address_table.c.user_id)
    .group_by(address_table.c.user_id)
    .cte()
)
stmt = select(user_table.c.name, user_table.c.fullname, cte_obj.c.count).join_from(
    user_table, cte_obj
)
print(stmt)
with engine.connect() as conn:
    print(conn.execute(stmt).all())

# Scalar and correlated subqueries
subq = (
    select(func.count(address_table.c.id))
    .where(user_table.c.id == address_table.c.user_id)
    .scalar_subquery()
)
print(subq)
print(subq == 5)
stmt = select(user_table.c.name, subq.label("address_count"))
print(stmt)
with engine.connect() as conn:
    print(conn.execute(stmt).all())
stmt = (
    select(user_table.c.name, address_table.c.email_address, subq.label("address_count"))
    .join_from(user_table, address_table)
    .order_by(user_table.c.id, address_table.c.id)
)
try:
    print(stmt)
except InvalidRequestError as err:
    print("InvalidRequestError:", str(err).split("'")[0] + "...", "returned no FROM clauses")
subq = (
    select(func.count(address_table.c.id))
    .where(user_table.c.id == address_table.c.user_id)
    .scalar_subquery()
    .correlate(user_table)
)
stmt = (
    select(user_table.c.name, address_table.c.email_address, subq.label("address_count"))
    .join_from(user_table, address_table)
    .order_by(user_table.c.id, address_table.c.id)
)
print(stmt)
with engine.connect() as conn:
    print(conn.execute(stmt).all())

# UNION ALL, and a UNION as a subquery
stmt1 = select(user_table).where(user_table.c.name == "sandy")
stmt2 = select(user_table).where(user_table.c.name == "spongebob")
u = union_all(stmt1, stmt2)
print(u)
with engine.connect() as conn:
    print(conn.execute(u).all())
u_subq = union_all(stmt1, stmt2).subquery()
stmt = (
    select(u_subq.c.name, address_table.c.email_address)
    .join_from(address_table, u_subq)
    .order_by(u_subq.c.name, address_table.c.email_address)
)
print(stmt)
with engine.connect() as conn:
    print(conn.execute(stmt).all())

# EXISTS
subq = (
    select(func.count(address_table.c.id))
    .where(user_table.c.id == address_table.c.user_id)
    .group_by(address_table.c.user_id)
    .having(func.count(address_table.c.id) > 1)
).exists()
with engine.connect() as conn:
    print(conn.execute(select(user_table.c.name).where(subq)).all())
subq = (select(address_table.c.id).where(user_table.c.id == address_table.c.user_id)).exists()
with engine.connect() as conn:
    print(conn.execute(select(user_table.c.name).where(~subq)).all())

# Window functions and FILTER
stmt = (
    select(
        func.row_number().over(partition_by=user_table.c.name),
        user_table.c.name,
        address_table.c.email_address,
    )
    .select_from(user_table)
    .join(address_table)
)
print(stmt)
with engine.connect() as conn:
    print(conn.execute(stmt).all())
stmt = (
    select(
        func.count().over(order_by=user_table.c.name),
        user_table.c.name,
        address_table.c.email_address,
    )
    .select_from(user_table)
    .join(address_table)
)
print(stmt)
with engine.connect() as conn:
    print(conn.execute(stmt).all())
stmt = (
    select(
        func.count(address_table.c.email_address).filter(user_table.c.name == "sandy"),
        func.count(address_table.c.email_address).filter(user_table.c.name == "spongebob"),
    )
    .select_from(user_table)
    .join(address_table)
)
print(stmt)
with engine.connect() as conn:
    print(conn.execute(stmt).all())

# LATERAL correlation (printed only: SQLite has no LATERAL)
subq = (
    select(
        func.count(address_table.c.id).label("address_count"),
        address_table.c.email_address,
        address_table.c.user_id,
    )
    .where(user_table.c.id == address_table.c.user_id)
    .lateral()
)
stmt = (
    select(user_table.c.name, subq.c.address_count, subq.c.email_address)
    .join_from(user_table, subq)
    .order_by(user_table.c.id, subq.c.email_address)
)
print(stmt)
