# Two sides of a relationship declared without back_populates: SQLAlchemy warns when the
# mappers are configured (the first time a mapped class is used) that both write the same
# column; overlaps="..." or viewonly=True silence it, back_populates / backref link them.
from sqlalchemy import Column, ForeignKey, Integer, String, Table, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "authors"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    books: Mapped[list["Book"]] = relationship()
    reviews: Mapped[list["Review"]] = relationship()
    notes: Mapped[list["Note"]] = relationship(viewonly=True)
    tagged: Mapped[list["Tag"]] = relationship(secondary="author_tags")


class Book(Base):
    __tablename__ = "books"
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    author: Mapped[Author] = relationship()


class Review(Base):
    __tablename__ = "reviews"
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    author: Mapped[Author] = relationship(overlaps="reviews")


class Note(Base):
    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    author: Mapped[Author] = relationship()


author_tags = Table("author_tags", Base.metadata,
                    Column("author_id", ForeignKey("authors.id"), primary_key=True),
                    Column("tag_id", ForeignKey("tags.id"), primary_key=True))


class Tag(Base):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(primary_key=True)
    authors: Mapped[list[Author]] = relationship(secondary=author_tags)


class Node(Base):
    __tablename__ = "nodes"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("nodes.id"))
    children: Mapped[list["Node"]] = relationship()
    parent: Mapped["Node | None"] = relationship(remote_side=[id])


class Shelf(Base):
    __tablename__ = "shelves"
    id: Mapped[int] = mapped_column(primary_key=True)
    items: Mapped[list["Item"]] = relationship(backref="shelf")


class Item(Base):
    __tablename__ = "items"
    id: Mapped[int] = mapped_column(primary_key=True)
    shelf_id: Mapped[int] = mapped_column(ForeignKey("shelves.id"))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
print("configured at first use")
a = Author(name="ann", books=[Book()])
with Session(engine) as s:
    s.add(a)
    s.commit()
    print(s.scalars(select(Book.author_id)).all())
