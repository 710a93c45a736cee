# Many-to-many, 2.0 typed style: Article/Tag through an association Table with back_populates
# on both sides. Tags are added one article at a time (one flush each, so the association rows
# are written in a fixed order), then queried through the relationship with any() and join().
from typing import List

from sqlalchemy import Column, ForeignKey, Table, create_engine, select, func
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


article_tags = Table(
    "article_tags",
    Base.metadata,
    Column("article_id", ForeignKey("articles.id"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id"), primary_key=True),
)


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    tags: Mapped[List["Tag"]] = relationship(secondary=article_tags, back_populates="articles")

    def __repr__(self) -> str:
        return f"Article({self.title!r})"


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(unique=True)
    articles: Mapped[List[Article]] = relationship(secondary=article_tags, back_populates="tags")

    def __repr__(self) -> str:
        return f"Tag({self.name!r})"


engine = create_engine("sqlite://", echo=False)
Base.metadata.create_all(engine)
print(repr(article_tags))

python, sql, web = Tag(name="python"), Tag(name="sql"), Tag(name="web")
a1 = Article(title="Getting started with SQLAlchemy")
a1.tags.append(python)
a1.tags.append(sql)
print(python.articles, sql.articles)

with Session(engine) as session:
    session.add(a1)
    session.flush()
    a2 = Article(title="Flask and SQLAlchemy", tags=[python, web])
    session.add(a2)
    session.flush()
    a3 = Article(title="Indexes explained", tags=[sql])
    session.add(a3)
    session.commit()

    print(session.execute(select(article_tags).order_by(article_tags.c.article_id, article_tags.c.tag_id)).all())

with Session(engine) as session:
    python = session.scalars(select(Tag).where(Tag.name == "python")).one()
    print(python, sorted(a.title for a in python.articles))
    stmt = select(Article).where(Article.tags.any(Tag.name == "sql")).order_by(Article.id)
    print(session.scalars(stmt).all())
    stmt = (
        select(Tag.name, func.count(Article.id))
        .join(Tag.articles)
        .group_by(Tag.name)
        .order_by(Tag.name)
    )
    print(session.execute(stmt).all())
    stmt = select(Article.title).join(Article.tags).where(Tag.name.in_(["web", "sql"])).distinct().order_by(Article.title)
    print(session.scalars(stmt).all())

    flask = session.scalars(select(Article).filter_by(title="Flask and SQLAlchemy")).one()
    print(sorted(t.name for t in flask.tags))
    web = session.scalars(select(Tag).filter_by(name="web")).one()
    flask.tags.remove(web)
    print(web.articles)
    session.commit()
    print(session.scalar(select(func.count()).select_from(article_tags)))
    print(session.scalars(select(Tag).where(~Tag.articles.any())).all())
