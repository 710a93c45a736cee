# echo=True with the ORM: the statements a Session emits for get(), a lazy load, an autoflush,
# a flush of an INSERT / UPDATE / DELETE, commit and rollback.
from typing import List, Optional
from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "author"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    books: Mapped[List["Book"]] = relationship(back_populates="author", order_by="Book.id")

    def __repr__(self):
        return f"Author({self.name!r})"


class Book(Base):
    __tablename__ = "book"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    author_id: Mapped[Optional[int]] = mapped_column(ForeignKey("author.id"))
    author: Mapped[Optional[Author]] = relationship(back_populates="books")

    def __repr__(self):
        return f"Book({self.title!r})"


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)

with Session(engine) as session:
    session.add(Author(name="Tolkien", books=[Book(title="The Hobbit"), Book(title="The Silmarillion")]))
    session.commit()

    author = session.get(Author, 1)
    print(author.books)
    author.books[0].title = "The Hobbit, or There and Back Again"
    print(session.scalars(select(Book).where(Book.title.like("The Hobbit%"))).all())
    session.delete(author.books[1])
    session.add(Book(title="Unfinished Tales", author=author))
    session.flush()
    session.rollback()
    print(author.books)
