# Scale benchmark: flush 100,000 new objects of a three-column model (id, name, value) in one
# Session.flush(), and report the flush time only (object construction and add_all excluded).
import time

from sqlalchemy import create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, Session


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "item"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    value: Mapped[int]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

session = Session(engine)
session.add_all([Item(name=f"item {i}", value=i) for i in range(100_000)])
start = time.perf_counter()
session.flush()
elapsed = time.perf_counter() - start
session.commit()
print(f"flush of 100000 objects: {elapsed:.3f}s")
