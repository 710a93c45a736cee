# ORM Querying Guide, "Relationship Loading Techniques", wildcard loading strategies:
# lazyload("*") turns off the configured eager loads of a query (other options still apply),
# and along a path (selectinload(...).lazyload("*")) those of the level it ends at.
from typing import List
from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session
from sqlalchemy.orm import selectinload, joinedload, lazyload


class Base(DeclarativeBase):
    pass


class Parent(Base):
    __tablename__ = "parent"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    children: Mapped[List["Child"]] = relationship(
        back_populates="parent", lazy="selectin", order_by="Child.id"
    )


class Child(Base):
    __tablename__ = "child"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    parent_id: Mapped[int] = mapped_column(ForeignKey("parent.id"))
    parent: Mapped["Parent"] = relationship(back_populates="children", lazy="joined")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([
        Parent(name="p1", children=[Child(name="c1"), Child(name="c2")]),
        Parent(name="p2", children=[Child(name="c3")]),
    ])
    session.commit()

engine.echo = True
with Session(engine) as session:
    print([p.name for p in session.scalars(select(Parent).options(lazyload("*")))])
with Session(engine) as session:
    print([c.name for c in session.scalars(select(Child).options(lazyload("*")))])
with Session(engine) as session:
    stmt = select(Child).options(lazyload("*"), joinedload(Child.parent)).order_by(Child.id)
    print([(c.name, c.parent.name) for c in session.scalars(stmt)])
with Session(engine) as session:
    stmt = select(Parent).options(selectinload(Parent.children).lazyload("*"))
    print([(p.name, [c.name for c in p.children]) for p in session.scalars(stmt)])
