# Cascades: without "delete", deleting a parent nulls the children's foreign key (UPDATE);
# with cascade="all, delete-orphan", the children are deleted and orphans removed (echo=True).
from typing import List, Optional
from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session


class Base(DeclarativeBase):
    pass


class Parent(Base):
    __tablename__ = "parent"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    children: Mapped[List["Child"]] = relationship(back_populates="parent")
    pets: Mapped[List["Pet"]] = relationship(cascade="all, delete-orphan")


class Child(Base):
    __tablename__ = "child"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[Optional[int]] = mapped_column(ForeignKey("parent.id"))
    parent: Mapped[Optional[Parent]] = relationship(back_populates="children")


class Pet(Base):
    __tablename__ = "pet"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int] = mapped_column(ForeignKey("parent.id"))
    name: Mapped[str]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
session = Session(engine)
p = Parent(name="p1", children=[Child(), Child()], pets=[Pet(name="rex"), Pet(name="tom"), Pet(name="kit")])
session.add(p)
session.commit()

engine.echo = True
removed = p.pets.pop(0)
print(removed.name)
session.flush()
print(removed in session)

session.delete(p)
session.commit()
engine.echo = False
print(session.execute(select(Child.id, Child.parent_id)).all())
print(session.execute(select(Pet.id, Pet.name)).all())
