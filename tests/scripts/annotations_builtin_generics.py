# Python 3.10+ annotation spellings in 2.0 mappings: Mapped[list["Child"]] and Mapped[set[...]]
# make collections like List[...] does, Mapped[str | None] makes a nullable column, and
# Mapped["Parent | None"] a many-to-one; what the DDL, the collections and their types show.
from __future__ import annotations

from sqlalchemy import ForeignKey, String, create_engine, inspect, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Shelf(Base):
    __tablename__ = "shelf"
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str | None] = mapped_column(String(20))
    books: Mapped[list[Book]] = relationship(back_populates="shelf", order_by="Book.id")
    tags: Mapped[set[Tag]] = relationship()


class Book(Base):
    __tablename__ = "book"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    subtitle: Mapped[str | None]
    shelf_id: Mapped[int | None] = mapped_column(ForeignKey("shelf.id"))
    shelf: Mapped[Shelf | None] = relationship(back_populates="books")


class Tag(Base):
    __tablename__ = "tag"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    shelf_id: Mapped[int | None] = mapped_column(ForeignKey("shelf.id"))


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
engine.echo = False
for t in Base.metadata.sorted_tables:
    print(t.name, [(c.name, c.nullable) for c in t.columns])
print({r.key: r.uselist for r in inspect(Shelf).relationships})
print(inspect(Book).relationships.shelf.uselist)

with Session(engine) as session:
    shelf = Shelf(label=None)
    shelf.books.append(Book(title="Dune"))
    shelf.books.append(Book(title="Emma", subtitle="A Novel"))
    shelf.tags.add(Tag(name="fiction"))
    print(type(shelf.books).__name__, type(shelf.tags).__name__, len(shelf.tags))
    session.add(shelf)
    session.commit()
    print([(b.title, b.subtitle, b.shelf is shelf) for b in shelf.books])
    print(session.scalars(select(Book.title).where(Book.subtitle.is_(None))).all())
    print(session.execute(select(Shelf.id, Shelf.label)).all())
    tag = next(iter(shelf.tags))
    print(shelf.tags == {tag}, tag in shelf.tags, shelf.tags)
    shelf.tags.discard(tag)
    try:
        shelf.tags.remove(tag)
    except KeyError as e:
        print("KeyError", e.args[0] is tag)
    session.commit()
    print(shelf.tags, session.scalars(select(Tag.shelf_id)).all())
