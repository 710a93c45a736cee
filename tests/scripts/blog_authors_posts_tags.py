# Blog-post style: authors, posts and tags (many-to-many with backref=, a delete-orphan
# collection with lazy="selectin"): counts per tag, count(distinct()), LIMIT/OFFSET paging,
# joinedload + unique(), a self-join through aliased(), removing links, merge(), yield_per.
from sqlalchemy import create_engine, Column, Integer, String, ForeignKey, Table, select, func, distinct, desc
from sqlalchemy.orm import declarative_base, relationship, Session, joinedload, aliased
Base = declarative_base()
post_tags = Table("post_tags", Base.metadata, Column("post_id", ForeignKey("posts.id"), primary_key=True), Column("tag_id", ForeignKey("tags.id"), primary_key=True))
class Author(Base):
    __tablename__ = "authors"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    posts = relationship("Post", back_populates="author", cascade="all, delete-orphan", lazy="selectin")
class Post(Base):
    __tablename__ = "posts"
    id = Column(Integer, primary_key=True)
    title = Column(String)
    views = Column(Integer, default=0)
    author_id = Column(ForeignKey("authors.id"))
    author = relationship("Author", back_populates="posts")
    tags = relationship("Tag", secondary=post_tags, backref="posts")
class Tag(Base):
    __tablename__ = "tags"
    id = Column(Integer, primary_key=True)
    name = Column(String, unique=True)
e = create_engine("sqlite://")
Base.metadata.create_all(e)
with Session(e) as s:
    py, sql = Tag(name="python"), Tag(name="sql")
    for a_name, titles in [("ann", ["intro", "orm", "core"]), ("ben", ["tips"]), ("cy", [])]:
        a = Author(name=a_name)
        for n, t in enumerate(titles):
            a.posts.append(Post(title=t, views=n * 10, tags=[py] if n % 2 else [py, sql]))
        s.add(a)
    s.commit()
    print(s.execute(select(Tag.name, func.count(Post.id)).join(Tag.posts).group_by(Tag.name).order_by(desc(func.count(Post.id)))).all())
    print(s.scalar(select(func.count(distinct(Post.author_id)))))
    page = 0
    while True:
        rows = s.scalars(select(Post).order_by(Post.id).limit(2).offset(page * 2)).all()
        if not rows:
            break
        print(page, [p.title for p in rows])
        page += 1
    authors = s.scalars(select(Author).options(joinedload(Author.posts)).order_by(Author.name)).unique().all()
    print([(a.name, len(a.posts)) for a in authors])
    P2 = aliased(Post)
    print(s.execute(select(Post.title, P2.title).join(P2, (Post.author_id == P2.author_id) & (Post.id < P2.id)).order_by(Post.id, P2.id)).all())
    ann = authors[0]
    ann.posts[0].tags.remove(py)
    s.delete(ann.posts[1])
    s.commit()
    print(s.execute(select(post_tags)).all(), [t.name for t in py.posts])
    merged = s.merge(Author(id=2, name="benjamin"))
    print(merged is authors[1], merged.name, s.dirty)
    s.commit()
    for p in s.scalars(select(Post).execution_options(yield_per=2)):
        print(p.title, p.author.name)
