# from https://docs.sqlalchemy.org/en/20/orm/queryguide/columns.html (Configuring Column Deferral on Mappings, undefer)
from sqlalchemy import Column, Integer, String, Text, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, deferred, load_only, mapped_column, undefer


class Base(DeclarativeBase):
    pass


class Book(Base):
    __tablename__ = "book"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    summary: Mapped[str] = mapped_column(Text, deferred=True)
    cover_photo: Mapped[str] = mapped_column(Text, deferred=True)

    def __repr__(self) -> str:
        return f"Book(id={self.id!r}, title={self.title!r})"


class Article(Base):
    __tablename__ = "article"
    id = Column(Integer, primary_key=True)
    headline = Column(String(200), nullable=False)
    body = deferred(Column(Text))


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)

with Session(engine) as session:
    session.add_all([Book(title=f"Book {n}", summary=f"summary {n}", cover_photo=f"photo {n}") for n in range(1, 4)])
    session.add(Article(headline="Deferred columns", body="A long body of text"))
    session.commit()

    book = session.scalar(select(Book).where(Book.id == 2))
    print(book)
    print(book.__dict__.get("summary"))
    print(book.cover_photo)
    print(book.summary)

    session.expire_all()
    book = session.scalar(select(Book).where(Book.id == 3).options(undefer(Book.summary)))
    print(book.summary)
    print(book.title)

    session.expunge_all()
    books = session.scalars(select(Book).options(load_only(Book.title, Book.summary)).order_by(Book.id)).all()
    print([(b.title, b.summary) for b in books])

    article = session.scalars(select(Article)).first()
    print(article.headline)
    print(article.body)

    book = session.get(Book, 1)
    book.title = "Book One"
    session.commit()
    print(book.title)
    print(book.cover_photo)
