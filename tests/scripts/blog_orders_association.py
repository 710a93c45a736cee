# Blog-post style: an order/line/item association object with a composite primary key,
# @validates, Decimal prices, an IntegrityError's orig/statement/params, removing a line.
from sqlalchemy import create_engine, Column, Integer, String, ForeignKey, Numeric, select, event
from sqlalchemy.orm import declarative_base, relationship, Session, validates
from sqlalchemy.exc import IntegrityError
from decimal import Decimal

Base = declarative_base()

class Order(Base):
    __tablename__ = "orders"
    id = Column(Integer, primary_key=True)
    customer = Column(String(50), nullable=False)
    lines = relationship("OrderLine", back_populates="order", cascade="all, delete-orphan")

    @property
    def total(self):
        return sum(l.quantity * l.item.price for l in self.lines)

class Item(Base):
    __tablename__ = "items"
    id = Column(Integer, primary_key=True)
    name = Column(String(50), unique=True, nullable=False)
    price = Column(Numeric(8, 2), nullable=False)

    @validates("price")
    def check_price(self, key, value):
        if value < 0:
            raise ValueError(f"{key} must be >= 0, got {value}")
        return value

    def __repr__(self):
        return f"Item({self.name!r}, {self.price})"

class OrderLine(Base):
    __tablename__ = "order_lines"
    order_id = Column(ForeignKey("orders.id"), primary_key=True)
    item_id = Column(ForeignKey("items.id"), primary_key=True)
    quantity = Column(Integer, default=1)
    order = relationship("Order", back_populates="lines")
    item = relationship("Item")

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

session = Session(engine)
pen = Item(name="pen", price=Decimal("1.50"))
book = Item(name="book", price=Decimal("12.99"))
try:
    Item(name="bad", price=-1)
except ValueError as e:
    print("ValueError:", e)
o = Order(customer="alice")
o.lines.append(OrderLine(item=pen, quantity=3))
o.lines.append(OrderLine(item=book))
session.add(o)
session.commit()
print(o.total, type(o.total).__name__)
print([(l.item.name, l.quantity) for l in o.lines])

session.add(Item(name="pen", price=2))
try:
    session.commit()
except IntegrityError as e:
    print(type(e).__name__)
    print(e.orig)
    print(e.statement)
    print(e.params)
    session.rollback()
print(session.scalars(select(Item).order_by(Item.name)).all())
o.lines.remove(o.lines[0])
session.commit()
print(session.execute(select(OrderLine.item_id, OrderLine.quantity)).all())
session.delete(o)
session.commit()
print(session.execute(select(OrderLine)).all(), session.scalars(select(Item.name)).all())
