# Cascades: an Item that was never attached to an Order, under a delete-orphan relationship.
# SQLAlchemy 2.x does not raise the old "unsaved, pending instance and is an orphan" FlushError
# here: it flushes the INSERT and SQLite's NOT NULL constraint fails (IntegrityError).
from typing import List
from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session


class Base(DeclarativeBase):
    pass


class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True)
    items: Mapped[List["Item"]] = relationship(cascade="all, delete-orphan", back_populates="order")


class Item(Base):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id"))
    order: Mapped[Order] = relationship(back_populates="items")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
session = Session(engine)
session.add(Item())
session.commit()
