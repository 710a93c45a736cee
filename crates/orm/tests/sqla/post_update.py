# Golden SQL: relationship(post_update=True) breaks a cycle of two rows that refer to each
# other with a second UPDATE after the INSERTs (and an UPDATE to NULL before the DELETEs); without
# it the flush raises CircularDependencyError (crates/orm/src/unit_of_work/tests_post_update.rs).
# Run: python post_update.py (SQLAlchemy 2.1.9).
from typing import List, Optional
from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.exc import CircularDependencyError
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
    entries: Mapped[List[Entry]] = relationship(foreign_keys=[Entry.widget_id])
    favorite: Mapped[Optional[Entry]] = relationship(foreign_keys=[favorite_id], post_update=True)

class Node(Base):
    __tablename__ = "nodes"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    peer_id: Mapped[Optional[int]] = mapped_column(ForeignKey("peers.id"))
    peer = relationship("Peer", foreign_keys=[peer_id])

class Peer(Base):
    __tablename__ = "peers"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    node_id: Mapped[Optional[int]] = mapped_column(ForeignKey("nodes.id"))
    node = relationship("Node", foreign_keys=[node_id])

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
engine.echo = True
with Session(engine) as s:
    print("### insert")
    w = Widget(name="w")
    e1 = Entry(name="e1")
    e2 = Entry(name="e2")
    w.entries = [e1, e2]
    w.favorite = e2
    s.add(w)
    s.flush()
    print("### change favorite")
    w.favorite = e1
    s.flush()
    print("### delete")
    s.delete(w)
    s.delete(e1)
    s.delete(e2)
    s.flush()
    s.commit()
print("### cycle")
with Session(engine) as s:
    n = Node(name="n")
    p = Peer(name="p", node=n)
    n.peer = p
    s.add(n)
    try:
        s.flush()
    except CircularDependencyError as exc:
        print(type(exc).__name__, str(exc))
    print("new", len(s.new))
