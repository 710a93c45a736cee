# from https://docs.sqlalchemy.org/en/20/orm/queryguide/relationships.html (Configuring Loader Strategies at Mapping Time) and https://docs.sqlalchemy.org/en/20/orm/basic_relationships.html
from typing import List

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "author"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    books: Mapped[List["Book"]] = relationship(
        back_populates="author", lazy="selectin", order_by="Book.title"
    )
    reviews: Mapped[List["Review"]] = relationship(
        lazy="raise", order_by="desc(Review.stars)", overlaps="author"
    )

    def __repr__(self):
        return f"Author({self.name!r})"


class Book(Base):
    __tablename__ = "book"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    author_id: Mapped[int] = mapped_column(ForeignKey("author.id"))
    author: Mapped[Author] = relationship(back_populates="books", lazy="joined", innerjoin=True)

    def __repr__(self):
        return f"Book({self.title!r})"


class Review(Base):
    __tablename__ = "review"
    id: Mapped[int] = mapped_column(primary_key=True)
    stars: Mapped[int]
    author_id: Mapped[int] = mapped_column(ForeignKey("author.id"))
    author: Mapped[Author] = relationship()


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

with Session(engine) as session:
    a1 = Author(name="Jules Verne", books=[Book(title="Twenty Thousand Leagues"), Book(title="Around the World")])
    a2 = Author(name="H. G. Wells", books=[Book(title="The Time Machine")])
    session.add_all([a1, a2])
    session.add_all([Review(stars=3, author=a1), Review(stars=5, author=a1), Review(stars=4, author=a2)])
    session.commit()

engine.echo = True
with Session(engine) as session:
    authors = session.scalars(select(Author).order_by(Author.id)).all()
    for author in authors:
        print(author, author.books)
    try:
        authors[0].reviews
    except Exception as e:
        print(f"{type(e).__name__}: {e}")

    session.expunge_all()
    books = session.scalars(select(Book).order_by(Book.id)).all()
    print([(b.title, b.author.name) for b in books])

    book = session.get(Book, 3)
    print(book.author)

    from sqlalchemy.orm import selectinload
    author = session.scalars(select(Author).options(selectinload(Author.reviews)).where(Author.id == 1)).one()
    print([r.stars for r in author.reviews])
