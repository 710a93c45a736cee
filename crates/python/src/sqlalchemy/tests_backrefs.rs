//! Python-level test of backrefs between loaded and unloaded sides: a many-to-many backref
//! append to an unloaded collection, a transient object reached only through a backref
//! (no association row; SQLAlchemy warns), a removal, and a one-to-one moved to another
//! parent. Expected output from CPython 3.11 + SQLAlchemy 2.1.9 running the same script.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::interp::run_for_test;

const SCRIPT: &str = r#"from sqlalchemy import Column, ForeignKey, Integer, String, Table, create_engine, text, select
from sqlalchemy.orm import Session, declarative_base, relationship
Base = declarative_base()
link = Table("link", Base.metadata,
    Column("post_id", ForeignKey("posts.id"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id"), primary_key=True))
class Post(Base):
    __tablename__ = "posts"
    id = Column(Integer, primary_key=True)
    title = Column(String)
    tags = relationship("Tag", secondary=link, back_populates="posts")
    def __repr__(self): return f"P({self.title})"
class Tag(Base):
    __tablename__ = "tags"
    id = Column(Integer, primary_key=True)
    word = Column(String)
    posts = relationship("Post", secondary=link, back_populates="tags")
    def __repr__(self): return f"T({self.word})"
class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    profile = relationship("Profile", back_populates="user", uselist=False)
class Profile(Base):
    __tablename__ = "profiles"
    id = Column(Integer, primary_key=True)
    user_id = Column(ForeignKey("users.id"))
    user = relationship("User", back_populates="profile")
engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with engine.begin() as c:
    c.execute(text("INSERT INTO posts VALUES (1, 'p1'), (2, 'p2')"))
    c.execute(text("INSERT INTO tags VALUES (1, 'a'), (2, 'b')"))
    c.execute(text("INSERT INTO link VALUES (1, 1), (2, 1)"))
    c.execute(text("INSERT INTO users VALUES (1, 'u1'), (2, 'u2')"))
    c.execute(text("INSERT INTO profiles VALUES (1, 1)"))

s = Session(engine)
p1 = s.get(Post, 1)
b = s.get(Tag, 2)
b.posts.append(p1)
print(p1.tags)
t = Tag(word="c")
t.posts.append(p1)
print(p1.tags)
s.commit()
print(sorted(tuple(r) for r in s.execute(select(link)).all()))
p2 = s.get(Post, 2)
a = s.get(Tag, 1)
a.posts.remove(p2)
print(p2.tags, a.posts)
s.commit()
print(sorted(tuple(r) for r in s.execute(select(link)).all()))
u2 = s.get(User, 2)
pr = s.get(Profile, 1)
pr.user = u2
print(u2.profile is pr, s.get(User, 1).profile)
s.commit()
print(s.execute(select(Profile.user_id)).all())
"#;

const EXPECTED: &str = r#"[T(a), T(b)]
[T(a), T(b), T(c)]
[(1, 1), (1, 2), (2, 1)]
[] [P(p1)]
[(1, 1), (1, 2)]
True None
[(2,)]
"#;

#[test]
fn backrefs_keep_loaded_and_unloaded_sides_in_step() {
    let (out, r) = run_for_test(SCRIPT);
    assert!(r.is_ok(), "{r:?}\n{out}");
    assert_eq!(out, EXPECTED);
}
