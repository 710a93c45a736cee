# Many-to-many: removing from the collection deletes the association row (echo=True), deleting
# a post deletes its association rows but keeps the keywords.
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

python, sql, orm = Keyword(keyword="python"), Keyword(keyword="sql"), Keyword(keyword="orm")
post1 = BlogPost(headline="Intro", keywords=[python, sql, orm])
session.add(post1)
session.commit()
post2 = BlogPost(headline="Follow-up", keywords=[orm])
session.add(post2)
session.commit()

engine.echo = True
post1.keywords.remove(sql)
print(sql.posts)
session.commit()

session.delete(post2)
session.commit()
engine.echo = False

print(session.execute(select(post_keywords).order_by(post_keywords.c.post_id, post_keywords.c.keyword_id)).all())
print(session.scalars(select(Keyword).order_by(Keyword.id)).all())
print(orm.posts)
