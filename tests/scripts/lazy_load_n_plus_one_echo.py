# The N+1 problem as tutorials demonstrate it, with echo=True: looping over parents and touching
# a lazy collection emits one SELECT per parent; a many-to-one lazy load whose target is already
# in the identity map emits no SQL; an empty collection still costs a query.
from typing import List

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Blog(Base):
    __tablename__ = "blogs"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    entries: Mapped[List["Entry"]] = relationship(back_populates="blog", order_by="Entry.id")


class Entry(Base):
    __tablename__ = "entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    headline: Mapped[str]
    blog_id: Mapped[int] = mapped_column(ForeignKey("blogs.id"))
    blog: Mapped[Blog] = relationship(back_populates="entries")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([
        Blog(title="Cooking", entries=[Entry(headline="Pasta"), Entry(headline="Risotto")]),
        Blog(title="Travel", entries=[Entry(headline="Lisbon")]),
        Blog(title="Empty"),
    ])
    session.commit()

engine.echo = True
with Session(engine) as session:
    for blog in session.scalars(select(Blog).order_by(Blog.id)):
        print(blog.title, len(blog.entries))
    entry = session.scalars(select(Entry).where(Entry.headline == "Lisbon")).one()
    print(entry.blog.title)
    print(entry.blog is session.get(Blog, 2))
    other = session.get(Entry, 1)
    print(other.headline, other.blog.title)
