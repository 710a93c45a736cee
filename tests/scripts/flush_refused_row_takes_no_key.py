# A flush whose INSERT run is refused part-way: no object keeps a generated key, and an
# explicit id=None stays None (history added), as SQLAlchemy leaves them.
from sqlalchemy import create_engine, String, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, Session
from sqlalchemy.exc import IntegrityError

class Base(DeclarativeBase):
    pass

class Item(Base):
    __tablename__ = "item"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30), unique=True)

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(Item(name="taken"))
    s.commit()
    items = [Item(name="p"), Item(id=None, name="q"), Item(name="r"), Item(name="taken"), Item(name="s")]
    s.add_all(items)
    try:
        s.flush()
    except IntegrityError as e:
        print(type(e).__name__, e.orig)
    print([(i.__dict__.get("id", "unset"), inspect(i).transient, inspect(i).pending, inspect(i).has_identity) for i in items])
    for i in items:
        print(inspect(i).attrs.id.history)
    s.rollback()
    print([(i.__dict__.get("id", "unset"), inspect(i).transient) for i in items])
    items[3].name = "t"
    s.add_all(items)
    s.commit()
    print([i.id for i in items])
    print(s.query(Item.id, Item.name).order_by(Item.id).all())
