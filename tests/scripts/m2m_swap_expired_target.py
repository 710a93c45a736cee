# A many-to-many swap whose added target is expired: SQLAlchemy loads it before the association DELETE (it reads every added and removed row's keys first).
from sqlalchemy import create_engine, ForeignKey, Table, Column
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session

class Base(DeclarativeBase):
    pass

post_tags = Table("post_tags", Base.metadata,
    Column("post_id", ForeignKey("post.id"), primary_key=True),
    Column("tag_id", ForeignKey("tag.id"), primary_key=True))

class Post(Base):
    __tablename__ = "post"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    tags: Mapped[list["Tag"]] = relationship(secondary=post_tags, back_populates="posts")

class Tag(Base):
    __tablename__ = "tag"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    posts: Mapped[list[Post]] = relationship(secondary=post_tags, back_populates="tags")

engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
with Session(engine) as s:
    p = Post(title="p", tags=[Tag(name="a")])
    t2 = Tag(name="b")
    s.add_all([p, t2])
    s.commit()
    old = p.tags[0]
    p.tags.remove(old)
    p.tags.append(t2)
    s.commit()
    print([t.name for t in p.tags])
