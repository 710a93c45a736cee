# ORM querying with aggregates: func.count() over a relationship with group_by() and having(),
# outerjoin so users without rows count 0, labels, order_by(desc), and scalar() counts.
from sqlalchemy import ForeignKey, String, create_engine, func, select, desc
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "authors"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    books: Mapped[list["Book"]] = relationship(back_populates="author")

    def __repr__(self):
        return f"<Author {self.name}>"


class Book(Base):
    __tablename__ = "books"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    pages: Mapped[int]
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    author: Mapped[Author] = relationship(back_populates="books")

    def __repr__(self):
        return f"<Book {self.title!r} ({self.pages} pages)>"


engine = create_engine("sqlite:///:memory:")
Base.metadata.create_all(engine)

with Session(engine) as session:
    tolkien = Author(name="J.R.R. Tolkien")
    tolkien.books = [
        Book(title="The Hobbit", pages=310),
        Book(title="The Fellowship of the Ring", pages=423),
        Book(title="The Two Towers", pages=352),
    ]
    austen = Author(name="Jane Austen")
    austen.books = [Book(title="Pride and Prejudice", pages=279), Book(title="Emma", pages=474)]
    orwell = Author(name="George Orwell", books=[Book(title="1984", pages=328)])
    nobody = Author(name="Anonymous")
    session.add_all([tolkien, austen, orwell, nobody])
    session.commit()

    stmt = (
        select(Author.name, func.count(Book.id).label("book_count"))
        .join(Author.books)
        .group_by(Author.id)
        .order_by(desc("book_count"), Author.name)
    )
    print(stmt)
    for name, count in session.execute(stmt):
        print(f"{name:<20} {count}")

    stmt = (
        select(Author.name, func.count(Book.id))
        .outerjoin(Author.books)
        .group_by(Author.name)
        .order_by(Author.name)
    )
    print(session.execute(stmt).all())

    stmt = (
        select(Author)
        .join(Author.books)
        .group_by(Author.id)
        .having(func.count(Book.id) >= 2)
        .order_by(Author.name)
    )
    print(session.scalars(stmt).all())

    total = session.scalar(select(func.count()).select_from(Book))
    print("books:", total)
    print("pages:", session.scalar(select(func.sum(Book.pages))))
    longest = session.execute(select(func.max(Book.pages), func.min(Book.pages))).one()
    print(longest, longest[0] - longest[1])
    avg = session.scalar(select(func.avg(Book.pages)).where(Book.author_id == tolkien.id))
    print(round(avg, 2))

    stmt = select(Book.title).order_by(Book.pages.desc()).limit(3)
    print(session.scalars(stmt).all())
    stmt = select(Book.title).order_by(Book.title).limit(2).offset(2)
    print(stmt)
    print(session.scalars(stmt).all())
    print(session.query(Book).filter(Book.pages > 330).count())
