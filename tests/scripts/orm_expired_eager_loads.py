# Loading an expired object whose relationships load eagerly: a refresh of one object loads a
# lazy="selectin" collection with its lazy load (SQLAlchemy's immediate load), joined ones in
# the same SELECT; a collection a backref appended to while the object was expired is modified,
# not expired: the flush's load of the object leaves it out (a statement of its own), and the
# collection loads afterwards with both rows.
from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "authors"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    posts: Mapped[list["Post"]] = relationship(back_populates="author", lazy="selectin")
    bio: Mapped["Bio"] = relationship(lazy="joined")


class Bio(Base):
    __tablename__ = "bio"
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    text: Mapped[str] = mapped_column(String(50))


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(100))
    author_id: Mapped[int] = mapped_column(ForeignKey("authors.id"))
    author: Mapped[Author] = relationship(back_populates="posts")


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
with Session(engine) as s:
    a = Author(name="A", posts=[Post(title="p")], bio=Bio(text="b"))
    s.add(a)
    s.commit()
    print("-- attribute access after commit")
    print(a.name)
    print("-- expire, then flush a child through the backref")
    s.expire(a)
    s.add(Post(title="q", author=a))
    s.flush()
    print("-- read collection")
    print([p.title for p in a.posts])
