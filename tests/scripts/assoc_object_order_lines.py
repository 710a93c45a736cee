# Association object pattern: Order <-> Product through an OrderLine class that carries extra
# columns (quantity, unit_price). Relationships with back_populates on every side, a computed
# total in Python, and the association rows queried directly.
from decimal import Decimal
from sqlalchemy import Column, ForeignKey, Integer, String, create_engine, select, func
from sqlalchemy.orm import declarative_base, relationship, Session

Base = declarative_base()


class OrderLine(Base):
    __tablename__ = "order_lines"
    order_id = Column(ForeignKey("orders.id"), primary_key=True)
    product_id = Column(ForeignKey("products.id"), primary_key=True)
    quantity = Column(Integer, nullable=False, default=1)
    unit_price = Column(Integer, nullable=False)  # cents

    order = relationship("Order", back_populates="lines")
    product = relationship("Product", back_populates="order_lines")

    def __repr__(self):
        return f"OrderLine(order={self.order_id}, product={self.product_id}, qty={self.quantity})"


class Order(Base):
    __tablename__ = "orders"
    id = Column(Integer, primary_key=True)
    customer = Column(String(50))
    lines = relationship("OrderLine", back_populates="order", cascade="all, delete-orphan")

    @property
    def total(self):
        return sum(line.quantity * line.unit_price for line in self.lines)

    def __repr__(self):
        return f"Order(id={self.id}, customer={self.customer!r})"


class Product(Base):
    __tablename__ = "products"
    id = Column(Integer, primary_key=True)
    name = Column(String(50), unique=True)
    price = Column(Integer)
    order_lines = relationship("OrderLine", back_populates="product")

    def __repr__(self):
        return f"Product({self.name!r}, {self.price})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

with Session(engine) as session:
    keyboard = Product(name="Keyboard", price=4999)
    mouse = Product(name="Mouse", price=1999)
    cable = Product(name="USB cable", price=599)
    session.add_all([keyboard, mouse, cable])
    session.commit()

    order = Order(customer="Grace Hopper")
    order.lines.append(OrderLine(product=keyboard, quantity=1, unit_price=keyboard.price))
    order.lines.append(OrderLine(product=cable, quantity=3, unit_price=cable.price))
    print(order.lines)
    session.add(order)
    session.commit()
    print(order.lines)
    print("total:", Decimal(order.total) / 100)

    order2 = Order(customer="Alan Turing", lines=[OrderLine(product=mouse, unit_price=1799)])
    session.add(order2)
    session.flush()
    print(order2.lines[0].quantity, order2.lines[0].product)
    session.commit()

with Session(engine) as session:
    for line in session.scalars(select(OrderLine).order_by(OrderLine.order_id, OrderLine.product_id)):
        print(line, line.order.customer, line.product.name, line.quantity * line.unit_price)

    stmt = (
        select(Product.name, func.coalesce(func.sum(OrderLine.quantity), 0))
        .outerjoin(Product.order_lines)
        .group_by(Product.id)
        .order_by(Product.id)
    )
    print(session.execute(stmt).all())

    order = session.get(Order, 1)
    print([(l.product.name, l.quantity) for l in order.lines])
    cable_line = next(l for l in order.lines if l.product.name == "USB cable")
    order.lines.remove(cable_line)
    session.commit()
    print(session.scalars(select(OrderLine)).all())
    keyboard = session.scalars(select(Product).filter_by(name="Keyboard")).one()
    print([l.order for l in keyboard.order_lines])
