# subqueryload() along every kind of relationship and path, as the legacy tutorials use it
# (SQLAlchemy 2.0 prefers selectinload, but subqueryload still runs): a many-to-one loads the
# DISTINCT foreign keys of the original query, a many-to-many joins an alias of the
# association table, and a chained subqueryload() joins the relationships before it through
# aliases (posts_1), each time from the original query's keys (its WHERE, and its ORDER BY
# under a LIMIT).
from sqlalchemy import create_engine, String, ForeignKey, Table, Column, Integer, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, subqueryload

class Base(DeclarativeBase):
    pass

post_tags = Table("post_tags", Base.metadata,
    Column("post_id", ForeignKey("posts.id"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id"), primary_key=True))

class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    posts: Mapped[list["Post"]] = relationship(back_populates="author", order_by="Post.title")

class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(50))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    author: Mapped[User] = relationship(back_populates="posts")
    tags: Mapped[list["Tag"]] = relationship(secondary=post_tags, order_by="Tag.name")
    comments: Mapped[list["Comment"]] = relationship(order_by="Comment.body.desc()")

class Tag(Base):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(20))

class Comment(Base):
    __tablename__ = "comments"
    id: Mapped[int] = mapped_column(primary_key=True)
    body: Mapped[str] = mapped_column(String(50))
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id"))

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    py, sql, orm = Tag(name="python"), Tag(name="sql"), Tag(name="orm")
    ann = User(name="ann", posts=[Post(title="ORMs", tags=[orm, sql], comments=[Comment(body="nice")]),
                                  Post(title="Python", tags=[py])])
    bob = User(name="bob", posts=[Post(title="SQL", tags=[sql], comments=[Comment(body="hm"), Comment(body="ok")])])
    s.add_all([ann, bob])
    s.commit()


engine.echo = True
print("== many-to-one")
with Session(engine) as s:
    for p in s.scalars(select(Post).options(subqueryload(Post.author)).order_by(Post.id)):
        print(p.title, p.author.name)
print("== many-to-many")
with Session(engine) as s:
    for p in s.scalars(select(Post).options(subqueryload(Post.tags)).where(Post.id > 1)):
        print(p.title, [t.name for t in p.tags])

print("== nested o2m ordered, where")
with Session(engine) as s:
    for u in s.scalars(select(User).where(User.name != "x").options(subqueryload(User.posts).subqueryload(Post.comments))):
        print(u.name, [(p.title, [c.body for c in p.comments]) for p in u.posts])
print("== nested m2o")
with Session(engine) as s:
    for u in s.scalars(select(User).options(subqueryload(User.posts).subqueryload(Post.author))):
        print(u.name, [(p.title, p.author.name) for p in u.posts])
print("== m2o then o2m")
with Session(engine) as s:
    for p in s.scalars(select(Post).options(subqueryload(Post.author).subqueryload(User.posts))):
        print(p.title, p.author.name, [q.title for q in p.author.posts])
print("== m2m limit")
with Session(engine) as s:
    for p in s.scalars(select(Post).options(subqueryload(Post.tags)).order_by(Post.title.desc()).limit(2).offset(1)):
        print(p.title, [t.name for t in p.tags])
print("== m2o limit")
with Session(engine) as s:
    for p in s.scalars(select(Post).options(subqueryload(Post.author)).order_by(Post.title).limit(2)):
        print(p.title, p.author.name)
