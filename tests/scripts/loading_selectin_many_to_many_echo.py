# ORM Querying Guide, "Relationship Loading Techniques": selectinload() of a many-to-many
# collection (one SELECT through the association table for all the parents), then changing the
# loaded collections and flushing only the association rows that changed.
from typing import List
from sqlalchemy import Column, ForeignKey, Table, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session
from sqlalchemy.orm import selectinload


class Base(DeclarativeBase):
    pass


post_keywords = Table(
    "post_keywords",
    Base.metadata,
    Column("post_id", ForeignKey("posts.id"), primary_key=True),
    Column("keyword_id", ForeignKey("keywords.id"), primary_key=True),
)


class BlogPost(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    headline: Mapped[str]
    keywords: Mapped[List["Keyword"]] = relationship(
        secondary=post_keywords, back_populates="posts", order_by="Keyword.keyword"
    )


class Keyword(Base):
    __tablename__ = "keywords"
    id: Mapped[int] = mapped_column(primary_key=True)
    keyword: Mapped[str]
    posts: Mapped[List[BlogPost]] = relationship(
        secondary=post_keywords, back_populates="keywords"
    )


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    orm, sql, python = Keyword(keyword="orm"), Keyword(keyword="sql"), Keyword(keyword="python")
    session.add_all([
        BlogPost(headline="Loading techniques", keywords=[sql, orm]),
        BlogPost(headline="Sessions", keywords=[orm]),
        BlogPost(headline="Drafts"),
        python,
    ])
    session.commit()

engine.echo = True
with Session(engine) as session:
    posts = session.scalars(
        select(BlogPost).options(selectinload(BlogPost.keywords)).order_by(BlogPost.id)
    ).all()
    for post in posts:
        print(post.headline, [k.keyword for k in post.keywords])
    python = session.scalars(select(Keyword).where(Keyword.keyword == "python")).one()
    posts[0].keywords.remove(posts[0].keywords[1])
    posts[2].keywords.append(python)
    session.commit()

with Session(engine) as session:
    for post in session.scalars(
        select(BlogPost).options(selectinload(BlogPost.keywords)).order_by(BlogPost.id)
    ):
        print(post.headline, [k.keyword for k in post.keywords])
