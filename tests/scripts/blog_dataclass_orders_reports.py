# Blog-post style: MappedAsDataclass models used with the dataclasses module (asdict, fields,
# is_dataclass, replace), += on a relationship collection, json reports, attrgetter sorting.
import json, dataclasses
from datetime import datetime, date
from decimal import Decimal
from operator import attrgetter
from typing import Optional
from sqlalchemy import create_engine, select, ForeignKey, Numeric
from sqlalchemy.orm import DeclarativeBase, MappedAsDataclass, Mapped, mapped_column, relationship, Session

class Base(MappedAsDataclass, DeclarativeBase):
    pass

class Customer(Base):
    __tablename__ = "customer"
    id: Mapped[int] = mapped_column(primary_key=True, init=False)
    name: Mapped[str]
    joined: Mapped[date]
    orders: Mapped[list["Order"]] = relationship(default_factory=list, back_populates="customer", repr=False)

class Order(Base):
    __tablename__ = "orders"
    id: Mapped[int] = mapped_column(primary_key=True, init=False)
    total: Mapped[Decimal] = mapped_column(Numeric(10, 2))
    customer_id: Mapped[Optional[int]] = mapped_column(ForeignKey("customer.id"), init=False, default=None)
    customer: Mapped[Optional[Customer]] = relationship(default=None, back_populates="orders", repr=False)

e = create_engine("sqlite://")
Base.metadata.create_all(e)
with Session(e) as s:
    bob = Customer("bob", date(2020, 5, 17))
    amy = Customer(name="amy", joined=date(2019, 1, 2))
    bob.orders += [Order(Decimal("10.50")), Order(Decimal("3.25"))]
    amy.orders.append(Order(total=Decimal("99.99")))
    s.add_all([bob, amy])
    s.commit()
    people = s.scalars(select(Customer)).all()
    for c in sorted(people, key=attrgetter("name")):
        print(c, sum(o.total for o in c.orders))
    print(json.dumps(dataclasses.asdict(Order(Decimal("1.5"))), default=str))
    print(dataclasses.fields(Order)[1].name, dataclasses.is_dataclass(bob))
    print(bob == Customer("bob", date(2020, 5, 17)), sorted({c.name for c in people}))
    report = {c.name: [str(o.total) for o in c.orders] for c in people}
    print(json.dumps(report, indent=2, sort_keys=True))
    print(dataclasses.replace(amy, name="amy2"))
