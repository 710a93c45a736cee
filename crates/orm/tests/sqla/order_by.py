# Golden SQL for relationship(order_by=...) in lazy, selectin and many-to-many loads
# (crates/orm/src/relationship/tests_order.rs). Run: python order_by.py (SQLAlchemy 2.1.9).
from sqlalchemy import create_engine, ForeignKey, Table, Column, Integer
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session

class Base(DeclarativeBase): pass

links = Table("links", Base.metadata,
              Column("author_id", ForeignKey("authors.id"), primary_key=True),
              Column("tag_id", ForeignKey("tags.id"), primary_key=True))

class Author(Base):
    __tablename__ = "authors"
    id: Mapped[int] = mapped_column(primary_key=True)
    books = relationship("Book", order_by="Book.title.desc()")
    eager = relationship("Book", order_by="Book.id", lazy="selectin", viewonly=True)
    tags = relationship("Tag", secondary=links, order_by="Tag.name")

class Book(Base):
    __tablename__ = "books"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))

class Tag(Base):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with engine.begin() as c:
    c.exec_driver_sql("INSERT INTO authors VALUES (1)")
    c.exec_driver_sql("INSERT INTO books (title, author_id) VALUES ('a', 1), ('c', 1), ('b', 1)")
    c.exec_driver_sql("INSERT INTO tags VALUES (1, 'z'), (2, 'y')")
    c.exec_driver_sql("INSERT INTO links VALUES (1, 1), (1, 2)")
engine.echo = True
with Session(engine) as s:
    a = s.get(Author, 1)
    print([b.title for b in a.books])
    print([b.title for b in a.eager])
    print([t.name for t in a.tags])
