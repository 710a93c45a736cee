# Golden SQL for any() along a many-to-many relationship: the target's table comes before
# the association table in the EXISTS (crates/orm/src/query/tests_any.rs).
# Run: python m2m_any.py (SQLAlchemy 2.1.9).
from typing import List
from sqlalchemy import Column, ForeignKey, Table, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

class Base(DeclarativeBase): pass

post_tags = Table("post_tags", Base.metadata,
                  Column("post_id", ForeignKey("posts.id"), primary_key=True),
                  Column("tag_id", ForeignKey("tags.id"), primary_key=True))

class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    tags: Mapped[List["Tag"]] = relationship(secondary=post_tags, back_populates="posts")

class Tag(Base):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    posts: Mapped[List["Post"]] = relationship(secondary=post_tags, back_populates="tags")

print(select(Post).where(Post.tags.any(Tag.name == "x")))
print(select(Tag).where(Tag.posts.any()))
