# from https://docs.sqlalchemy.org/en/20/orm/extensions/associationproxy.html (Simplifying Scalar Collections, Simplifying Association Objects)
from __future__ import annotations

from typing import List, Optional

from sqlalchemy import Column, ForeignKey, Integer, String, Table, create_engine, select
from sqlalchemy.ext.associationproxy import AssociationProxy, association_proxy
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


user_keyword_table = Table(
    "user_keyword",
    Base.metadata,
    Column("user_id", Integer, ForeignKey("user.id"), primary_key=True),
    Column("keyword_id", Integer, ForeignKey("keyword.id"), primary_key=True),
)


class User(Base):
    __tablename__ = "user"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    kw: Mapped[List[Keyword]] = relationship(secondary=lambda: user_keyword_table)

    def __init__(self, name: str):
        self.name = name

    # proxy the 'keyword' attribute from the 'kw' relationship
    keywords: AssociationProxy[List[str]] = association_proxy("kw", "keyword")


class Keyword(Base):
    __tablename__ = "keyword"
    id: Mapped[int] = mapped_column(primary_key=True)
    keyword: Mapped[str] = mapped_column(String(64))

    def __init__(self, keyword: str):
        self.keyword = keyword

    def __repr__(self):
        return f"Keyword({self.keyword!r})"


class Author(Base):
    __tablename__ = "author"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    tag_associations: Mapped[List[AuthorTag]] = relationship(
        back_populates="author", cascade="all, delete-orphan"
    )
    tags: AssociationProxy[List[Tag]] = association_proxy(
        "tag_associations",
        "tag",
        creator=lambda tag_obj: AuthorTag(tag=tag_obj),
    )


class AuthorTag(Base):
    __tablename__ = "author_tag"
    author_id: Mapped[int] = mapped_column(ForeignKey("author.id"), primary_key=True)
    tag_id: Mapped[int] = mapped_column(ForeignKey("tag.id"), primary_key=True)
    special_key: Mapped[Optional[str]] = mapped_column(String(50))
    author: Mapped[Author] = relationship(back_populates="tag_associations")
    tag: Mapped[Tag] = relationship()
    tag_name: AssociationProxy[str] = association_proxy("tag", "name")


class Tag(Base):
    __tablename__ = "tag"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))

    def __repr__(self):
        return f"Tag({self.name!r})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

user = User("jek")
user.kw.append(Keyword("cheese-inspector"))
print(user.keywords)
user.keywords.append("cheese-inspector")
user.keywords.append("snack ninja")
print(user.kw)
print(len(user.keywords), "snack ninja" in user.keywords, user.keywords[0])
user.keywords.remove("cheese-inspector")
print(user.keywords)
print(user.keywords == ["cheese-inspector", "snack ninja"])

author = Author(name="log")
for tag in (Tag(name="python"), Tag(name="sql")):
    author.tags.append(tag)
author.tag_associations.append(AuthorTag(tag=Tag(name="orm"), special_key="my special key"))
print(author.tags)
print([(a.tag_name, a.special_key) for a in author.tag_associations])

engine.echo = True
with Session(engine) as session:
    session.add_all([user, author])
    session.commit()
    print(user.keywords)
    author.tags = [Tag(name="rust")]
    session.commit()
    print(author.tags, list(author.tags))
    print(session.scalars(select(Tag.name).order_by(Tag.id)).all())
