# SQL functions and expressions in ORM queries: func.lower/upper/length/coalesce/round, case(),
# cast(), labels used in order_by, string concatenation, and exists() — what a learner writes
# for a "report" query over an orders table.
from sqlalchemy import Float, ForeignKey, String, case, cast, create_engine, exists, func, select, literal
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Customer(Base):
    __tablename__ = "customer"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    nickname: Mapped[str | None] = mapped_column(String(40))


class Purchase(Base):
    __tablename__ = "purchase"
    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    amount: Mapped[int]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

with Session(engine) as session:
    session.add_all([
        Customer(name="Marie Curie", nickname="Marie"),
        Customer(name="Niels Bohr"),
        Customer(name="Lise Meitner", nickname="Lise"),
    ])
    session.add_all([Purchase(customer_id=1, amount=120), Purchase(customer_id=1, amount=30),
                     Purchase(customer_id=2, amount=999)])
    session.commit()

    stmt = select(func.upper(Customer.name), func.lower(Customer.name), func.length(Customer.name)).order_by(Customer.id)
    print(session.execute(stmt).all())
    stmt = select(func.coalesce(Customer.nickname, Customer.name).label("display")).order_by("display")
    print(stmt)
    print(session.scalars(stmt).all())

    size = case(
        (Purchase.amount >= 500, "large"),
        (Purchase.amount >= 100, "medium"),
        else_="small",
    ).label("size")
    stmt = select(Purchase.id, size).order_by(Purchase.id)
    print(stmt)
    print(session.execute(stmt).all())

    stmt = select(Customer.name, func.round(cast(func.coalesce(func.sum(Purchase.amount), 0), Float) / 3, 2)) \
        .outerjoin(Purchase, Purchase.customer_id == Customer.id).group_by(Customer.id).order_by(Customer.id)
    print(session.execute(stmt).all())

    has_purchase = exists().where(Purchase.customer_id == Customer.id)
    print(session.scalars(select(Customer.name).where(~has_purchase)).all())
    print(session.scalars(select(Customer.name + literal(" <") + func.coalesce(Customer.nickname, "-") + ">").order_by(Customer.id)).all())
    print(session.scalar(select(func.count(func.distinct(Purchase.customer_id)))))
