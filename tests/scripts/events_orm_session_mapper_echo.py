# from https://docs.sqlalchemy.org/en/20/orm/session_events.html and https://docs.sqlalchemy.org/en/20/orm/events.html
from typing import Optional

from sqlalchemy import ForeignKey, String, create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, sessionmaker

clock = iter(range(100, 200))


class Base(DeclarativeBase):
    pass


class TimestampMixin:
    created_at: Mapped[Optional[int]]
    updated_at: Mapped[Optional[int]]


class User(TimestampMixin, Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    posts: Mapped[list["Post"]] = relationship(back_populates="author", cascade="all, delete-orphan")

    def __repr__(self):
        return f"User({self.name!r}, created={self.created_at}, updated={self.updated_at})"


class Post(TimestampMixin, Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    author: Mapped[User] = relationship(back_populates="posts")

    def __repr__(self):
        return f"Post({self.title!r})"


class AuditLog(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(primary_key=True)
    message: Mapped[str]


@event.listens_for(User, "before_insert")
@event.listens_for(Post, "before_insert")
def set_created(mapper, connection, target):
    target.created_at = next(clock)
    print(f"before_insert {mapper.class_.__name__} {target!r}")


@event.listens_for(User, "before_update")
def set_updated(mapper, connection, target):
    target.updated_at = next(clock)
    print(f"before_update {target!r}")


@event.listens_for(User, "after_insert")
def after_insert(mapper, connection, target):
    print(f"after_insert User id={target.id}")


@event.listens_for(Post, "after_delete")
def after_delete(mapper, connection, target):
    print(f"after_delete {target!r}")


@event.listens_for(User, "init")
def on_init(target, args, kwargs):
    print("init", sorted(kwargs))


@event.listens_for(User, "load")
def on_load(target, context):
    print("load", target.name)


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
SessionLocal = sessionmaker(engine)


@event.listens_for(SessionLocal, "before_flush")
def audit(session, flush_context, instances):
    for obj in list(session.new):
        if not isinstance(obj, AuditLog):
            session.add(AuditLog(message=f"new {type(obj).__name__}"))
    for obj in session.dirty:
        print("dirty before flush:", obj)
    for obj in session.deleted:
        print("deleted before flush:", obj)


def after_commit(session):
    print("after_commit")


event.listen(SessionLocal, "after_commit", after_commit)


@event.listens_for(Session, "after_rollback")
def after_rollback(session):
    print("after_rollback")


with SessionLocal() as session:
    u = User(name="spongebob", posts=[Post(title="Krabby Patty recipe")])
    session.add(u)
    session.commit()
    print(u)

    u.name = "SpongeBob"
    session.commit()
    print(u)

with SessionLocal() as session:
    u = session.scalars(select(User).where(User.name == "SpongeBob")).one()
    print(u.posts)
    session.delete(u.posts[0])
    session.flush()
    print(session.scalars(select(AuditLog.message)).all())
    session.rollback()

with SessionLocal() as session:
    session.add(User(name="sandy"))
    print(session.scalars(select(User.name).order_by(User.id)).all())
    print(session.get(User, 1))
    session.commit()
