# 2.0 dataclass mapping (MappedAsDataclass) as in the ORM docs "Declarative Dataclass Mapping":
# init=False for the primary key, defaults, default_factory for collections, the generated
# __repr__ and __eq__, and how the objects look before and after a commit.
from typing import List, Optional

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedAsDataclass, Session, mapped_column, relationship


class Base(MappedAsDataclass, DeclarativeBase):
    pass


class Warehouse(Base):
    __tablename__ = "warehouse"
    id: Mapped[int] = mapped_column(init=False, primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    items: Mapped[List["Item"]] = relationship(default_factory=list, back_populates="warehouse")


class Item(Base):
    __tablename__ = "item"
    id: Mapped[int] = mapped_column(init=False, primary_key=True)
    sku: Mapped[str] = mapped_column(String(20))
    quantity: Mapped[int] = mapped_column(default=0)
    note: Mapped[Optional[str]] = mapped_column(default=None)
    warehouse_id: Mapped[Optional[int]] = mapped_column(ForeignKey("warehouse.id"), init=False)
    warehouse: Mapped[Optional[Warehouse]] = relationship(default=None, back_populates="items")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

w = Warehouse("North")
print(w)
bolt = Item("BOLT-10", 500)
nut = Item(sku="NUT-10", note="metric")
print(bolt, nut)
w.items.append(bolt)
w.items.append(nut)
print(bolt.warehouse is w, bolt == Item("BOLT-10", 500))
try:
    Warehouse()
except TypeError as e:
    print(type(e).__name__, e)

with Session(engine, expire_on_commit=False) as session:
    session.add(w)
    session.commit()
    print(w)
    print(session.scalars(select(Item).order_by(Item.sku)).all())
    nut.quantity += 250
    session.commit()
    print(session.scalars(select(Item.quantity).order_by(Item.id)).all())
