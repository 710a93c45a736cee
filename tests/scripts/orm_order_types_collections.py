# An order model with the column types tutorials use (Enum of a Python enum, Date, Numeric,
# JSON, Boolean with defaults), @validates, and a delete-orphan collection changed every way
# (del, item change, append, replacement, clear); Enum columns selected on their own come back
# as the enum's members, through the session and through a connection.
import datetime, enum
from sqlalchemy import ForeignKey, String, create_engine, select, func, JSON, Enum, Date, DateTime, Numeric, Boolean
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, validates
from decimal import Decimal


class Base(DeclarativeBase):
    pass


class Status(enum.Enum):
    open = "open"
    closed = "closed"


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[Status] = mapped_column(Enum(Status), default=Status.open)
    placed: Mapped[datetime.date] = mapped_column(Date)
    total: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    meta: Mapped[dict] = mapped_column(JSON, default=dict)
    paid: Mapped[bool] = mapped_column(Boolean, default=False)
    lines: Mapped[list["Line"]] = relationship(back_populates="order", cascade="all, delete-orphan", order_by="Line.id")

    @validates("total")
    def check_total(self, key, value):
        if value < 0:
            raise ValueError("negative total")
        return value


class Line(Base):
    __tablename__ = "lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(10))
    qty: Mapped[int] = mapped_column(default=1)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    order: Mapped[Order] = relationship(back_populates="lines")


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
with Session(engine) as s:
    o = Order(placed=datetime.date(2024, 5, 1), total=Decimal("12.50"), meta={"gift": True})
    o.lines = [Line(sku="A"), Line(sku="B", qty=3), Line(sku="C")]
    s.add(o)
    s.commit()
    print(o.status, o.paid, o.meta, o.total, o.placed)
    del o.lines[0]
    o.lines[0].qty = 5
    o.lines.append(Line(sku="D"))
    s.flush()
    print([(l.sku, l.qty) for l in o.lines])
    o.lines = [Line(sku="E")]
    s.commit()
    print(s.scalars(select(Line.sku)).all())
    o.meta["gift"] = False
    print(s.is_modified(o), o in s.dirty)
    o.status = Status.closed
    s.commit()
    print(s.execute(select(Order.status, Order.paid, func.json_extract(Order.meta, "$.gift"))).all())
    try:
        o.total = Decimal("-1")
    except ValueError as e:
        print("ValueError:", e)
    o.lines.clear()
    s.commit()
    print(s.scalar(select(func.count()).select_from(Line)))
with engine.connect() as c:
    print(c.execute(select(Order.status, Order.status.label("st"))).all())
    print(c.execute(select(Order.__table__.c.status)).all())
