# joinedload() of a many-to-many: the association table and the target are outer-joined as a
# group, inner-joined flat with innerjoin=True; the labels id_1, id_2 and the bound parameter
# :id_3 share one counter.
from sqlalchemy import Column, ForeignKey, Table, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, joinedload, mapped_column, relationship


class Base(DeclarativeBase):
    pass


post_tags = Table(
    "post_tags",
    Base.metadata,
    Column("post_id", ForeignKey("posts.id"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id"), primary_key=True),
)


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    tags = relationship("Tag", secondary=post_tags, back_populates="posts", order_by="Tag.name")


class Tag(Base):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    posts = relationship("Post", secondary=post_tags, back_populates="tags")

    def __repr__(self):
        return f"Tag({self.name!r})"


print(select(Post).options(joinedload(Post.tags)))
print(select(Post).options(joinedload(Post.tags, innerjoin=True)))
print(select(Tag).options(joinedload(Tag.posts).joinedload(Post.tags)).where(Tag.id == 1))
print(select(Post).options(joinedload(Post.tags)).limit(2))

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    orm, web = Tag(name="orm"), Tag(name="web")
    session.add(Post(title="Sessions", tags=[web, orm]))
    session.commit()
    session.add(Post(title="Flask", tags=[web]))
    session.commit()
    session.add(Post(title="Drafts"))
    session.commit()
    engine.echo = True
    posts = session.scalars(select(Post).options(joinedload(Post.tags)).order_by(Post.id)).unique().all()
    for p in posts:
        print(p.title, [t.name for t in p.tags])
    tags = session.scalars(select(Tag).options(joinedload(Tag.posts, innerjoin=True)).order_by(Tag.name)).unique().all()
    for t in tags:
        print(t.name, sorted(p.title for p in t.posts))
    posts[0].tags.remove(web)
    session.commit()
    print(session.scalars(select(Post).options(joinedload(Post.tags)).where(Post.id == 1)).unique().one().tags)
