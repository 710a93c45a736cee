# Annotation forms from the SQLAlchemy docs ("Mapping Whole Column Declarations to Python
# Types", "type_annotation_map"): Annotated aliases carrying a mapped_column(), string
# annotations with module-qualified names (from __future__ import annotations style), a
# type_annotation_map on the base, and the MappedAnnotationError of an unmappable type.
import datetime as dt
import decimal
from typing import Annotated, Optional

import sqlalchemy as sa
from sqlalchemy import BigInteger, ForeignKey, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.orm import exc as orm_exc

intpk = Annotated[int, mapped_column(primary_key=True)]
str30 = Annotated[str, mapped_column(String(30), nullable=False)]


class Base(DeclarativeBase):
    type_annotation_map = {int: BigInteger}


class Invoice(Base):
    __tablename__ = "invoice"
    id: Mapped[intpk]
    customer: Mapped[str30]
    note: Mapped[Optional[str30]]
    code: Mapped[str30] = mapped_column(String(8), unique=True)
    total: Mapped["decimal.Decimal"]
    issued: "Mapped[Optional[dt.date]]"
    paid_at: "sa.orm.Mapped[Optional[dt.datetime]]"


class Line(Base):
    __tablename__ = "line"
    id: Mapped[intpk]
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoice.id"))
    qty: Mapped[int]


for table in Base.metadata.sorted_tables:
    print(repr(table))

try:

    class Broken(Base):
        __tablename__ = "broken"
        id: Mapped[intpk]
        payload: Mapped[object]

except orm_exc.MappedAnnotationError as e:
    print(type(e).__name__, e)

engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
with Session(engine) as s:
    # BIGINT keys do not autoincrement on SQLite (only INTEGER PRIMARY KEY does), and note is
    # NOT NULL despite Optional[] (the Annotated mapped_column says so): give both.
    s.add(Invoice(id=1, customer="acme", note="net 30", code="A-1", total=decimal.Decimal("12.50"), issued=dt.date(2024, 2, 29)))
    s.commit()
    inv = s.scalars(select(Invoice)).one()
    print(inv.id, inv.customer, inv.note, inv.code, repr(inv.total), inv.issued, inv.paid_at)
