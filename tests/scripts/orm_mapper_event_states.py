# What mapper events see of their object: after_insert and after_update run while the flush
# is under way, so the object is still pending / dirty (modified) and its history still shows
# the values the statement wrote as added; they are committed when the whole flush ends.
from sqlalchemy import String, create_engine, event, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "item"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))


@event.listens_for(Item, "after_insert")
def after_insert(mapper, conn, target):
    st = inspect(target)
    print("after_insert", target.name, target.id, st.pending, st.persistent, st.modified, st.attrs.name.history)


@event.listens_for(Item, "after_update")
def after_update(mapper, conn, target):
    st = inspect(target)
    print("after_update", target.name, st.pending, st.persistent, st.modified, st.attrs.name.history)


@event.listens_for(Item, "after_delete")
def after_delete(mapper, conn, target):
    st = inspect(target)
    print("after_delete", target.name, st.persistent, st.deleted, st.modified)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    a, b = Item(name="a"), Item(name="b")
    s.add_all([a, b])
    s.flush()
    a.name = "a2"
    s.delete(b)
    s.flush()
    print(inspect(a).attrs.name.history, inspect(b).deleted)
