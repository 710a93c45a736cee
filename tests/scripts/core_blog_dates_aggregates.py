# A blog post on dates and aggregates with SQLAlchemy Core
import datetime
from sqlalchemy import (create_engine, MetaData, Table, Column, Integer, String, Date, DateTime,
                        Numeric, select, func, extract, between, case, literal_column, text)

engine = create_engine("sqlite://")
metadata = MetaData()
orders = Table(
    "orders", metadata,
    Column("id", Integer, primary_key=True),
    Column("customer", String(30)),
    Column("placed_on", Date),
    Column("shipped_at", DateTime),
    Column("amount", Numeric(10, 2)),
)
metadata.create_all(engine)
with engine.begin() as conn:
    conn.execute(orders.insert(), [
        {"customer": "ann", "placed_on": datetime.date(2024, 1, 5), "shipped_at": datetime.datetime(2024, 1, 6, 9, 30), "amount": 20},
        {"customer": "bob", "placed_on": datetime.date(2024, 1, 20), "shipped_at": None, "amount": 35.5},
        {"customer": "ann", "placed_on": datetime.date(2024, 2, 2), "shipped_at": datetime.datetime(2024, 2, 3, 14, 0), "amount": 12.25},
        {"customer": "cy", "placed_on": datetime.date(2024, 3, 15), "shipped_at": datetime.datetime(2024, 3, 15, 18, 45), "amount": 99},
    ])

with engine.connect() as conn:
    stmt = select(orders.c.customer, orders.c.placed_on).where(
        orders.c.placed_on.between(datetime.date(2024, 1, 1), datetime.date(2024, 1, 31))
    )
    print(stmt)
    print(conn.execute(stmt).all())
    month = extract("month", orders.c.placed_on)
    stmt = select(month.label("month"), func.count().label("n"), func.sum(orders.c.amount).label("total")).group_by(month).order_by(month)
    print(stmt)
    for row in conn.execute(stmt):
        print(row.month, row.n, row.total)
    stmt = select(func.strftime("%Y-%m", orders.c.placed_on).label("ym"), func.count()).group_by(literal_column("ym"))
    print(conn.execute(stmt).all())
    status = case((orders.c.shipped_at.is_(None), "pending"), else_="shipped").label("status")
    print(conn.execute(select(orders.c.customer, status).order_by(orders.c.id)).all())
    print(conn.execute(select(orders.c.shipped_at).where(orders.c.shipped_at > datetime.datetime(2024, 2, 1))).scalars().all())
    print(conn.execute(select(func.min(orders.c.placed_on), func.max(orders.c.placed_on))).one())
    print(conn.execute(select(orders.c.amount).order_by(orders.c.amount.desc())).scalars().first())
    print(conn.execute(select(func.sum(orders.c.amount))).scalar())
    print(conn.execute(text("SELECT placed_on FROM orders WHERE id = 1")).scalar())
