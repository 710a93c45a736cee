# Children taken out of a loaded delete-orphan collection after being expunged: the flush warns that their delete operation will not proceed, as SQLAlchemy.
from sqlalchemy import create_engine, ForeignKey, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session

class Base(DeclarativeBase):
    pass

class Parent(Base):
    __tablename__ = "parent"
    id: Mapped[int] = mapped_column(primary_key=True)
    children: Mapped[list["Child"]] = relationship(back_populates="parent", cascade="all, delete-orphan")

class Child(Base):
    __tablename__ = "child"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("parent.id"))
    parent: Mapped[Parent | None] = relationship(back_populates="children")

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    p = Parent(children=[Child(), Child()])
    s.add(p)
    s.commit()
    c = p.children[0]
    s.expunge(c)
    p.children.remove(c)
    s.flush()
    print(len(p.children), inspect(c).detached)
    c2 = p.children[0]
    p.children.remove(c2)
    s.expunge(c2)
    s.commit()
    print(s.query(Child).count())
