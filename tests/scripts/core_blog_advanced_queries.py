# A blog post: "Advanced queries with SQLAlchemy Core" - self-joins, aliases, EXISTS, UNION,
# window functions for ranking, and a derived table
from sqlalchemy import (create_engine, MetaData, Table, Column, Integer, String, ForeignKey,
                        select, func, exists, union, and_, literal, desc)

engine = create_engine("sqlite://")
md = MetaData()
emp = Table(
    "employees", md,
    Column("id", Integer, primary_key=True),
    Column("name", String(20)),
    Column("dept", String(10)),
    Column("salary", Integer),
    Column("manager_id", Integer, ForeignKey("employees.id")),
)
md.create_all(engine)
with engine.begin() as conn:
    conn.execute(emp.insert(), [
        {"id": 1, "name": "Alice", "dept": "eng", "salary": 150, "manager_id": None},
        {"id": 2, "name": "Bob", "dept": "eng", "salary": 120, "manager_id": 1},
        {"id": 3, "name": "Carol", "dept": "eng", "salary": 120, "manager_id": 1},
        {"id": 4, "name": "Dan", "dept": "ops", "salary": 90, "manager_id": 1},
        {"id": 5, "name": "Eve", "dept": "ops", "salary": 95, "manager_id": 4},
    ])

boss = emp.alias("boss")
stmt = (
    select(emp.c.name, boss.c.name.label("manager"))
    .join(boss, emp.c.manager_id == boss.c.id)
    .order_by(emp.c.id)
)
print(stmt)
with engine.connect() as conn:
    print(conn.execute(stmt).all())

# employees who manage someone
report = emp.alias()
has_reports = exists().where(report.c.manager_id == emp.c.id)
stmt = select(emp.c.name).where(has_reports).order_by(emp.c.name)
print(stmt)
with engine.connect() as conn:
    print(conn.execute(stmt).scalars().all())

# rank within department
rank = func.rank().over(partition_by=emp.c.dept, order_by=desc(emp.c.salary)).label("rnk")
stmt = select(emp.c.dept, emp.c.name, emp.c.salary, rank).order_by(emp.c.dept, "rnk", emp.c.name)
print(stmt)
with engine.connect() as conn:
    for row in conn.execute(stmt):
        print(row.dept, row.name, row.salary, row.rnk)

# a derived table: average salary per department, and who earns more than it
avg = (
    select(emp.c.dept, func.avg(emp.c.salary).label("avg_salary"))
    .group_by(emp.c.dept)
    .subquery("dept_avg")
)
stmt = (
    select(emp.c.name, emp.c.salary, avg.c.avg_salary)
    .join(avg, emp.c.dept == avg.c.dept)
    .where(emp.c.salary > avg.c.avg_salary)
    .order_by(emp.c.name)
)
print(stmt)
with engine.connect() as conn:
    print(conn.execute(stmt).all())

# UNION of two selects with a literal tag
u = union(
    select(emp.c.name, literal("high").label("band")).where(emp.c.salary >= 120),
    select(emp.c.name, literal("low").label("band")).where(emp.c.salary < 100),
)
print(u)
with engine.connect() as conn:
    print(sorted(conn.execute(u).all()))

# running total
running = func.sum(emp.c.salary).over(order_by=emp.c.id).label("running")
with engine.connect() as conn:
    print(conn.execute(select(emp.c.id, running)).all())
