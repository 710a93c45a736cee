# ORM Querying Guide, "Relationship Loading Techniques": a relationship's configured lazy=
# strategy and the loader options that override it per query (lazyload, selectinload,
# joinedload), plus populate_existing refreshing a collection with selectinload.
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
session = Session(engine)
parents = session.scalars(select(Parent).order_by(Parent.id)).all()
print([(p.name, [c.name for c in p.children]) for p in parents])
session.close()

parents = session.scalars(
    select(Parent).options(lazyload(Parent.children)).order_by(Parent.id)
).all()
print([p.name for p in parents])
session.close()

children = session.scalars(select(Child).order_by(Child.id)).all()
print([(c.name, c.parent.name) for c in children])
session.close()

children = session.scalars(
    select(Child).options(lazyload(Child.parent)).order_by(Child.id)
).all()
print([c.name for c in children])
session.close()

parents = session.scalars(
    select(Parent).options(joinedload(Parent.children)).order_by(Parent.id)
).unique().all()
print([(p.name, [c.name for c in p.children]) for p in parents])

session.execute(select(Child).where(Child.id == 3)).scalars().one().name = "renamed"
session.flush()
session.expunge(parents[1].children[0])
p2 = session.execute(
    select(Parent)
    .where(Parent.name == "p2")
    .options(selectinload(Parent.children))
    .execution_options(populate_existing=True)
).scalars().one()
print([c.name for c in p2.children])
session.rollback()
