# SQLAlchemy 2.0's backref without cascade into the session: a child given a persistent parent whose collection is loaded stays out of the session; the flush warns once and still copies the key.
from sqlalchemy import create_engine, ForeignKey, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session

class Base(DeclarativeBase):
    pass

class Parent(Base):
    __tablename__ = "parent"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    children: Mapped[list["Child"]] = relationship(back_populates="parent")

class Child(Base):
    __tablename__ = "child"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("parent.id"))
    name: Mapped[str]
    parent: Mapped[Parent | None] = relationship(back_populates="children")

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    p = Parent(name="p")
    s.add(p)
    s.commit()
    print(len(p.children))
    c = Child(name="c", parent=p)
    s.flush()
    print("1:", inspect(c).transient, c.parent_id, c in s)
    s.flush()
    print("2:", c.parent_id)
    d = Child(name="d")
    d.parent = p
    s.commit()
    print("3:", inspect(d).transient, d.parent_id)
    e = Child(name="e", parent=p)
    s.add(e)
    s.commit()
    print("4:", e.id, e.parent_id)
