# A child appended to a loaded collection with cascade="" is not saved: the flush warns (after loading the expired parent and its collection) and still sets the child's key.
from sqlalchemy import create_engine, ForeignKey, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session

class Base(DeclarativeBase):
    pass

class Parent(Base):
    __tablename__ = "parent"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    children: Mapped[list["Child"]] = relationship(back_populates="parent", cascade="")

class Child(Base):
    __tablename__ = "child"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("parent.id"))
    name: Mapped[str]
    parent: Mapped[Parent | None] = relationship(back_populates="children")

engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
with Session(engine) as s:
    p = Parent(name="p")
    s.add(p)
    s.commit()
    c = Child(name="c")
    p.children.append(c)
    s.flush()
    print(inspect(c).transient, c.parent_id, c in s)
    s.commit()
