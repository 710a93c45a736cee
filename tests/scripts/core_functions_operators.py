# from https://docs.sqlalchemy.org/en/20/core/sqlelement.html ("Column Element Foundational Constructors", operators)
# and https://docs.sqlalchemy.org/en/20/core/functions.html: SQL functions, operators, IN, CASE, CAST, results
from sqlalchemy import MetaData, Table, Column, Integer, String, ForeignKey, create_engine, insert, select
from sqlalchemy import func, case, cast, desc, distinct, and_, or_, not_, bindparam
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
print(select(func.count(user_table.c.id), func.max(user_table.c.id), func.min(user_table.c.name)))
print(select(func.coalesce(user_table.c.fullname, "n/a").label("fn")))
print(select(func.length(user_table.c.name), func.upper(user_table.c.name), func.substr(user_table.c.name, 1, 3)))
with engine.connect() as conn:
    print(conn.execute(select(func.length(user_table.c.name), func.upper(user_table.c.name), func.substr(user_table.c.name, 1, 3)).order_by(user_table.c.id)).all())
    print(conn.execute(select(func.count()).select_from(address_table)).scalar())
    print(conn.execute(select(func.group_concat(user_table.c.name, ", "))).scalar())
    print(conn.execute(select(func.avg(address_table.c.user_id), func.sum(address_table.c.user_id), func.total(address_table.c.user_id))).one())

print(select(user_table.c.name).where(user_table.c.id.in_([])))
print(select(user_table.c.name).where(user_table.c.id.not_in([1, 2])))
print(select(user_table.c.name).where(user_table.c.id.in_(select(address_table.c.user_id))))
with engine.connect() as conn:
    print(conn.execute(select(user_table.c.name).where(user_table.c.id.in_([]))).all())
    print(conn.execute(select(user_table.c.name).where(user_table.c.id.not_in([1, 2]))).all())

print(select(user_table).where(user_table.c.name.like("s%"), user_table.c.fullname.notlike("%x%")))
print(select(user_table).where(user_table.c.name.ilike("s%")))
print(select(user_table).where(user_table.c.name.startswith("s"), user_table.c.name.endswith("y")))
print(select(user_table).where(user_table.c.name.contains("and")))
print(select(user_table).where(user_table.c.fullname.is_(None), user_table.c.name.is_not(None)))
print(select(user_table).where(user_table.c.name == None))
print(select(user_table).where(or_(user_table.c.id < 2, and_(user_table.c.id > 5, user_table.c.name != "x"))))
print(select(user_table).where(~(user_table.c.id > 2)))
print(select(user_table).where(not_(user_table.c.name.in_(["a", "b"]))))

print(select(user_table.c.name).distinct())
print(select(func.count(user_table.c.name.distinct())))
print(select(func.count(distinct(user_table.c.name))))
print(select(user_table).limit(2).offset(1).order_by(user_table.c.id.desc()))
print(select(user_table).order_by(user_table.c.name.asc().nulls_last()))

stmt = select(user_table.c.name).where(user_table.c.id == bindparam("uid"))
print(stmt)
with engine.connect() as conn:
    print(conn.execute(stmt, {"uid": 2}).scalar_one())
print(stmt.compile().params)
print(select(user_table).where(user_table.c.name == "sandy").compile(compile_kwargs={"literal_binds": True}))

print(select(user_table.c.name, func.count(address_table.c.id).label("n")).outerjoin(address_table).group_by(user_table.c.name).having(func.count(address_table.c.id) == 0))
with engine.connect() as conn:
    print(conn.execute(select(user_table.c.name, func.count(address_table.c.id).label("n")).outerjoin(address_table).group_by(user_table.c.name).order_by("n", user_table.c.name)).all())

with engine.connect() as conn:
    r = conn.execute(select(user_table.c.id, user_table.c.name).order_by(user_table.c.id))
    print(r.keys())
    print([row._asdict() for row in r])
    r = conn.execute(select(user_table.c.id, user_table.c.name).order_by(user_table.c.id))
    print(r.columns("name").all())
    r = conn.execute(select(user_table.c.id, user_table.c.name).order_by(user_table.c.id))
    print(r.mappings().fetchmany(2))
    r = conn.execute(select(address_table.c.user_id).order_by(address_table.c.user_id))
    print(r.scalars().unique().all())
    r = conn.execute(select(user_table.c.id, user_table.c.name))
    print(r.tuples().first())
    print(conn.execute(select(user_table.c.name).where(user_table.c.id == 9)).scalar_one_or_none())
    print(conn.execute(select(user_table.c.name).where(user_table.c.id == 9)).first())

print(select(case((user_table.c.name == "sandy", "S"), (user_table.c.name == "patrick", "P"), else_="?").label("initial")))
print(select(cast(user_table.c.id, String) + "!", user_table.c.name.concat("x")))
print(select(user_table.c.name.label("n")).order_by(desc("n")))
with engine.connect() as conn:
    stmt = select(
        user_table.c.name,
        case((user_table.c.name == "sandy", "S"), (user_table.c.name == "patrick", "P"), else_="?").label("initial"),
        cast(user_table.c.id, String) + "!",
    ).order_by(desc("initial"))
    print(conn.execute(stmt).all())
    sub = select(user_table.c.id, user_table.c.name).where(user_table.c.id > 1).subquery()
    print(sub.c.keys(), user_table.c.keys())
    print(conn.execute(select(sub)).all())
