# Golden SQL for the eager loads inside a many-to-one lazy load (crates/orm/src/query/execute.rs):
# the target's joined loads are joined (without labels), its selectin loads skip the class the
# lazy load came from. Run: python lazy_eager_path.py (SQLAlchemy 2.1.9, CPython 3.11).
from typing import List, Optional
from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session
class Base(DeclarativeBase): pass
class Parent(Base):
    __tablename__ = "parent"
    id: Mapped[int] = mapped_column(primary_key=True)
    children: Mapped[List["Child"]] = relationship(back_populates="parent", lazy="selectin")
    pets: Mapped[List["Pet"]] = relationship(back_populates="owner", lazy="joined")
class Child(Base):
    __tablename__ = "child"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int] = mapped_column(ForeignKey("parent.id"))
    parent: Mapped["Parent"] = relationship(back_populates="children")
class Pet(Base):
    __tablename__ = "pet"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("parent.id"))
    owner: Mapped["Parent"] = relationship(back_populates="pets")
engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(Parent(children=[Child()], pets=[Pet()])); s.commit()
engine.echo = True
with Session(engine) as s:
    c = s.scalars(select(Child)).one()
    print("-- lazy child.parent")
    c.parent
with Session(engine) as s:
    c = s.scalars(select(Pet)).one()
    print("-- lazy pet.owner")
    c.owner
