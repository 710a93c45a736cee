# from https://docs.sqlalchemy.org/en/20/orm/dataclasses.html (Declarative Dataclass Mapping, relationships, init=False, default_factory)
from typing import List, Optional

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedAsDataclass, Session, mapped_column, relationship


class Base(MappedAsDataclass, DeclarativeBase):
    """subclasses will be converted to dataclasses"""


class Parent(Base):
    __tablename__ = "parent"
    id: Mapped[int] = mapped_column(init=False, primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    children: Mapped[List["Child"]] = relationship(default_factory=list, back_populates="parent")


class Child(Base):
    __tablename__ = "child"
    id: Mapped[int] = mapped_column(init=False, primary_key=True)
    data: Mapped[str]
    parent_id: Mapped[Optional[int]] = mapped_column(ForeignKey("parent.id"), init=False)
    parent: Mapped[Optional[Parent]] = relationship(default=None, back_populates="children")
    rank: Mapped[int] = mapped_column(default=0)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

p = Parent(name="p1")
print(p)
c1 = Child("c1", rank=2)
c2 = Child(data="c2", parent=p)
p.children.append(c1)
print(p)
print(c1 == Child("c1", rank=2), c1 == c2)
try:
    Parent()
except TypeError as e:
    print(e)
try:
    Child("x", id=5)
except TypeError as e:
    print(e)

engine.echo = True
with Session(engine) as session:
    session.add(p)
    session.commit()
    print(p)
    print(session.scalars(select(Child).order_by(Child.rank.desc())).all())
    c2.rank = 7
    session.commit()
    print(c2)
