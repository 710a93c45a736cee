# Golden SQL for the selectin and joined loader strategies (crates/orm/src/query/loading.rs).
# Run: python loading.py (SQLAlchemy 2.1.9, CPython 3.11).
from sqlalchemy import create_engine, ForeignKey, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session

class Base(DeclarativeBase): pass

class Author(Base):
    __tablename__ = "authors"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    books = relationship("Book", lazy="selectin")

class Book(Base):
    __tablename__ = "books"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))

class Article(Base):
    __tablename__ = "articles"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]

class Comment(Base):
    __tablename__ = "comments"
    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[str]
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id"))
    article = relationship("Article", lazy="joined")

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all([Author(id=1, name="a"), Author(id=2, name="b"), Author(id=3, name="c"),
               Book(title="x", author_id=1), Book(title="y", author_id=1), Book(title="z", author_id=2),
               Article(id=1, title="t"), Comment(body="hi", article_id=1), Comment(body="orphan")])
    s.commit()
engine.echo = True
print("### selectin")
with Session(engine) as s:
    authors = s.scalars(select(Author).order_by(Author.id)).all()
    print([(a.name, [b.title for b in a.books]) for a in authors])
print("### joined")
with Session(engine) as s:
    comments = s.scalars(select(Comment).order_by(Comment.id)).all()
    print([(c.body, c.article.title if c.article else None) for c in comments])
print("### get applies eager loaders")
with Session(engine) as s:
    c = s.get(Comment, 1)
    a = s.get(Author, 1)
    print(c.article.title, [b.title for b in a.books])
print("### end")
