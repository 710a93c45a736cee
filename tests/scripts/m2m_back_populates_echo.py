# Many-to-many with back_populates (2.0 style; the classic tutorial's BlogPost/Keyword):
# appending on one side shows on the other; commit with echo=True writes the association rows.
# One post per flush, so the association INSERT order is the collection order.
from typing import List
from sqlalchemy import Column, ForeignKey, Table, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session


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
        secondary=post_keywords, back_populates="posts"
    )

    def __repr__(self):
        return f"BlogPost({self.headline!r})"


class Keyword(Base):
    __tablename__ = "keywords"

    id: Mapped[int] = mapped_column(primary_key=True)
    keyword: Mapped[str] = mapped_column(unique=True)
    posts: Mapped[List["BlogPost"]] = relationship(
        secondary=post_keywords, back_populates="keywords"
    )

    def __repr__(self):
        return f"Keyword({self.keyword!r})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
session = Session(engine)

post = BlogPost(headline="Wendy's Blog Post")
post.keywords.append(Keyword(keyword="wendy"))
post.keywords.append(Keyword(keyword="firstpost"))
print(post.keywords)
print(post.keywords[0].posts)

engine.echo = True
session.add(post)
session.commit()

print(session.scalars(
    select(BlogPost).where(BlogPost.keywords.any(Keyword.keyword == "firstpost"))
).all())
kw = session.scalars(select(Keyword).where(Keyword.keyword == "wendy")).one()
print(kw.posts)
