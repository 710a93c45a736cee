# An association object whose primary key is its two foreign keys, removed from a
# delete-orphan collection: the DELETE uses the key it was loaded with.
from sqlalchemy import Column, ForeignKey, Integer, create_engine, text
from sqlalchemy.orm import Session, declarative_base, relationship

Base = declarative_base()


class Line(Base):
    __tablename__ = "lines"
    order_id = Column(ForeignKey("orders.id"), primary_key=True)
    product_id = Column(Integer, primary_key=True)
    order = relationship("Order", back_populates="lines")


class Order(Base):
    __tablename__ = "orders"
    id = Column(Integer, primary_key=True)
    lines = relationship("Line", back_populates="order", cascade="all, delete-orphan")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with engine.begin() as c:
    c.execute(text("INSERT INTO orders VALUES (1)"))
    c.execute(text("INSERT INTO lines VALUES (1, 1), (1, 3)"))
engine.echo = True
s = Session(engine)
o = s.get(Order, 1)
o.lines.remove(o.lines[1])
s.commit()
