# from https://docs.sqlalchemy.org/en/20/core/selectable.html#sqlalchemy.sql.expression.Select.cte (recursive CTEs)
from sqlalchemy import Table, Column, String, Integer, MetaData, select, func, create_engine, literal

metadata = MetaData()
parts = Table(
    "parts",
    metadata,
    Column("part", String),
    Column("sub_part", String),
    Column("quantity", Integer),
)
engine = create_engine("sqlite://")
metadata.create_all(engine)
with engine.begin() as conn:
    conn.execute(parts.insert(), [
        {"part": "our part", "sub_part": "wheel", "quantity": 4},
        {"part": "wheel", "sub_part": "spoke", "quantity": 32},
        {"part": "wheel", "sub_part": "hub", "quantity": 1},
        {"part": "hub", "sub_part": "bolt", "quantity": 6},
    ])

included_parts = (
    select(parts.c.sub_part, parts.c.part, parts.c.quantity)
    .where(parts.c.part == "our part")
    .cte(recursive=True)
)

incl_alias = included_parts.alias()
parts_alias = parts.alias()
included_parts = included_parts.union_all(
    select(
        parts_alias.c.sub_part, parts_alias.c.part, parts_alias.c.quantity
    ).where(parts_alias.c.part == incl_alias.c.sub_part)
)

statement = select(
    included_parts.c.sub_part,
    func.sum(included_parts.c.quantity).label("total_quantity"),
).group_by(included_parts.c.sub_part)
print(statement)
with engine.connect() as conn:
    print(conn.execute(statement.order_by(included_parts.c.sub_part)).all())

# a counter
cnt = select(literal(1).label("n")).cte("cnt", recursive=True)
cnt = cnt.union_all(select(cnt.c.n + 1).where(cnt.c.n < 5))
print(select(cnt.c.n))
with engine.connect() as conn:
    print(conn.execute(select(cnt.c.n)).scalars().all())

# an org chart, as blog posts on hierarchical queries write it
from sqlalchemy import ForeignKey
employee = Table(
    "employee",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(30)),
    Column("manager_id", ForeignKey("employee.id")),
)
metadata.create_all(engine)
with engine.begin() as conn:
    conn.execute(employee.insert(), [
        {"id": 1, "name": "Ada", "manager_id": None},
        {"id": 2, "name": "Bob", "manager_id": 1},
        {"id": 3, "name": "Cy", "manager_id": 2},
        {"id": 4, "name": "Di", "manager_id": 2},
        {"id": 5, "name": "Ed", "manager_id": 1},
    ])
chain = (
    select(employee.c.id, employee.c.name, literal(0).label("depth"))
    .where(employee.c.manager_id.is_(None))
    .cte("chain", recursive=True)
)
chain = chain.union_all(
    select(employee.c.id, employee.c.name, chain.c.depth + 1)
    .join(chain, employee.c.manager_id == chain.c.id)
)
stmt = select(chain.c.name, chain.c.depth).order_by(chain.c.depth, chain.c.name)
print(stmt)
with engine.connect() as conn:
    for name, depth in conn.execute(stmt):
        print("  " * depth + name)

# a plain (non-recursive) named CTE used twice
big = select(parts.c.part, parts.c.quantity).where(parts.c.quantity > 2).cte("big")
stmt = select(big.c.part, func.count()).group_by(big.c.part).order_by(big.c.part)
print(stmt)
with engine.connect() as conn:
    print(conn.execute(stmt).all())
