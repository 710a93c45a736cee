# Golden SQL for crates/orm/src/relationship tests (many-to-many, backref, one-to-one,
# self-referential, delete-orphan). Run: python relationships.py (SQLAlchemy 2.1.9, CPython 3.11).
from sqlalchemy import create_engine, ForeignKey, Table, Column, Integer, String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session, backref

class Base(DeclarativeBase): pass

post_tags = Table("post_tags", Base.metadata,
    Column("post_id", ForeignKey("posts.id"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id"), primary_key=True))

class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    tags = relationship("Tag", secondary=post_tags, back_populates="posts")

class Tag(Base):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    posts = relationship("Post", secondary=post_tags, back_populates="tags")

class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    profile = relationship("Profile", uselist=False, backref="user", cascade="all, delete-orphan")

class Profile(Base):
    __tablename__ = "profiles"
    id: Mapped[int] = mapped_column(primary_key=True)
    bio: Mapped[str]
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

class Node(Base):
    __tablename__ = "nodes"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("nodes.id"))
    children = relationship("Node", back_populates="parent")
    parent = relationship("Node", back_populates="children", remote_side=[id])

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
engine.echo = True
print("### many-to-many")
with Session(engine) as s:
    p = Post(title="hello"); t1 = Tag(name="a"); t2 = Tag(name="b")
    p.tags.append(t1); p.tags.append(t2)
    print("in memory:", [x.title for x in t1.posts])
    s.add(p)
    s.commit()
    print("### remove a tag, add a new one")
    p = s.get(Post, 1)
    t3 = Tag(name="c")
    p.tags.remove(p.tags[0])
    p.tags.append(t3)
    s.commit()
    print("### delete the post")
    s.delete(s.get(Post, 1))
    s.commit()
print("### one-to-one with backref, delete-orphan")
with Session(engine) as s:
    u = User(name="u"); pr = Profile(bio="x")
    u.profile = pr
    print("backref in memory:", pr.user is u)
    s.add(u)
    s.commit()
    u = s.get(User, 1)
    u.profile = Profile(bio="y")
    s.commit()
print("### self-referential")
with Session(engine) as s:
    root = Node(name="root"); kid = Node(name="kid", parent=root); Node(name="kid2", parent=root)
    print("children in memory:", [c.name for c in root.children])
    s.add(kid)
    s.commit()
    kid = s.get(Node, 2)
    print(kid.parent.name)
    print([c.name for c in s.get(Node, 1).children])
print("### self-referential delete: children first")
with Session(engine) as s:
    root = s.get(Node, 1)
    kids = list(root.children)
    s.delete(root)
    for k in kids:
        s.delete(k)
    s.commit()
print("### join along many-to-many")
print(str(select(Post).join(Post.tags).where(Tag.name == "a")))
print("### end")
