# Golden SQL: a one-to-many relationship(post_update=True): the children are INSERTed with a
# NULL key, then UPDATEd once every row is saved; deleting the parent sets them back to NULL
# before any DELETE (crates/orm/src/unit_of_work/tests_post_update.rs).
# Run: python post_update_o2m.py (SQLAlchemy 2.1.9).
from typing import List, Optional
from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session
class Base(DeclarativeBase): pass
class Entry(Base):
    __tablename__ = "entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    widget_id: Mapped[Optional[int]] = mapped_column(ForeignKey("widgets.id"))
class Widget(Base):
    __tablename__ = "widgets"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    favorite_id: Mapped[Optional[int]] = mapped_column(ForeignKey("entries.id"))
    entries: Mapped[List[Entry]] = relationship(foreign_keys=[Entry.widget_id], post_update=True)
    favorite: Mapped[Optional[Entry]] = relationship(foreign_keys=[favorite_id])
engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
engine.echo = True
with Session(engine) as s:
    print("### insert")
    w = Widget(name="w")
    e1 = Entry(name="e1"); e2 = Entry(name="e2")
    w.entries = [e1, e2]
    w.favorite = e2
    s.add(w)
    s.flush()
    print("### delete")
    s.delete(w); s.delete(e2)
    s.flush()
    s.commit()
