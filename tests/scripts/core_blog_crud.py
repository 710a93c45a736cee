# A typical "CRUD with SQLAlchemy Core" blog post: books and authors, insert/select/update/delete, aggregates, conn.scalar()
from sqlalchemy import (create_engine, MetaData, Table, Column, Integer, String, Float,
                        ForeignKey, Boolean, select, insert, update, delete, func, and_, or_, desc)

engine = create_engine("sqlite:///:memory:")
metadata = MetaData()

books = Table(
    "books", metadata,
    Column("id", Integer, primary_key=True),
    Column("title", String(100), nullable=False),
    Column("author_id", Integer, ForeignKey("authors.id")),
    Column("price", Float),
    Column("in_stock", Boolean, default=True),
)
authors = Table(
    "authors", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(50), unique=True),
)
metadata.create_all(engine)
print(metadata.sorted_tables)

with engine.begin() as conn:
    result = conn.execute(insert(authors).values(name="Tolkien"))
    tolkien_id = result.inserted_primary_key[0]
    conn.execute(insert(authors), [{"name": "Herbert"}, {"name": "Le Guin"}])
    conn.execute(
        insert(books),
        [
            {"title": "The Hobbit", "author_id": tolkien_id, "price": 9.99, "in_stock": True},
            {"title": "The Silmarillion", "author_id": tolkien_id, "price": 14.5, "in_stock": False},
            {"title": "Dune", "author_id": 2, "price": 11.0, "in_stock": True},
            {"title": "A Wizard of Earthsea", "author_id": 3, "price": 8.25, "in_stock": True},
        ],
    )

with engine.connect() as conn:
    # READ
    for row in conn.execute(select(books).order_by(books.c.price)):
        print(row.id, row.title, row.price, row.in_stock)
    cheap = conn.execute(select(books.c.title).where(books.c.price < 10)).scalars().all()
    print("cheap:", cheap)
    q = (
        select(authors.c.name, func.count(books.c.id).label("n"), func.round(func.avg(books.c.price), 2).label("avg_price"))
        .join(books, books.c.author_id == authors.c.id)
        .group_by(authors.c.name)
        .order_by(desc("n"), authors.c.name)
    )
    print(q)
    for name, n, avg_price in conn.execute(q):
        print(f"{name:10} {n} {avg_price}")
    row = conn.execute(select(books).where(and_(books.c.in_stock == True, or_(books.c.price > 10, books.c.title.like("%Hobbit%"))))).fetchall()
    print(row)
    print(conn.execute(select(func.max(books.c.price), func.min(books.c.price))).one())
    print(conn.execute(select(books.c.title).where(books.c.in_stock == False)).scalar_one())

with engine.begin() as conn:
    # UPDATE
    r = conn.execute(update(books).where(books.c.author_id == tolkien_id).values(price=books.c.price * 1.1))
    print("updated", r.rowcount)
    # DELETE
    r = conn.execute(delete(books).where(books.c.in_stock == False))
    print("deleted", r.rowcount)

with engine.connect() as conn:
    for row in conn.execute(select(books.c.title, books.c.price).order_by(books.c.id)):
        print(row._mapping)
    print(conn.execute(select(func.count()).select_from(books)).scalar())
    print(conn.scalar(select(func.count()).select_from(authors)))
    print(conn.scalars(select(authors.c.name).order_by(authors.c.name)).all())
