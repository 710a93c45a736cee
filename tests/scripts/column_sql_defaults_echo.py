# Column defaults that are SQL expressions, as blog posts write timestamps:
# default=func.now() / onupdate=func.now() (SQLAlchemy docs, "Client-Invoked SQL Expressions").
# The INSERT writes CURRENT_TIMESTAMP into VALUES and fetches the values with RETURNING; the
# UPDATE writes it into SET and the attribute expires, loaded again when read.
from sqlalchemy import Column, DateTime, Integer, String, create_engine, func, select
from sqlalchemy.orm import Session, declarative_base

Base = declarative_base()


class Post(Base):
    __tablename__ = "post"
    id = Column(Integer, primary_key=True)
    title = Column(String(100), nullable=False)
    created_at = Column(DateTime, default=func.now())
    updated_at = Column(DateTime, default=func.now(), onupdate=func.now())


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
session = Session(engine)
post = Post(title="hello")
session.add(post)
session.flush()
print("created_at" in post.__dict__, "updated_at" in post.__dict__)
print(type(post.created_at).__name__, post.created_at == post.updated_at)
post.title = "hello again"
session.flush()
print("updated_at" in post.__dict__)
print(type(post.updated_at).__name__)
session.commit()
print(session.scalar(select(func.count()).where(Post.updated_at >= Post.created_at)))
print(type(session.scalar(select(func.now()))).__name__)
print(select(Post.id).where(Post.created_at <= func.current_timestamp()))
