# What the flush events see: before_flush and after_flush both see the session as before the
# flush (session.new / dirty / deleted, and each object's state and modified flag, change only
# when the whole flush ends); after_flush_postexec sees it after.
from sqlalchemy import String, create_engine, event, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "item"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
session = Session(engine)


@event.listens_for(session, "before_flush")
def before(s, ctx, instances):
    print("before_flush new", sorted(o.name for o in s.new), "dirty", sorted(o.name for o in s.dirty), "deleted", len(s.deleted))


@event.listens_for(session, "after_flush")
def after(s, ctx):
    print("after_flush new", sorted(o.name for o in s.new), "dirty", sorted(o.name for o in s.dirty), "deleted", len(s.deleted))
    for o in list(s.new) + list(s.dirty) + list(s.deleted):
        st = inspect(o)
        print("  ", o.name, st.pending, st.persistent, st.deleted, st.modified)


@event.listens_for(session, "after_flush_postexec")
def postexec(s, ctx):
    print("postexec new", sorted(o.name for o in s.new), "dirty", sorted(o.name for o in s.dirty), "deleted", len(s.deleted))


a, b, c = Item(name="a"), Item(name="b"), Item(name="c")
session.add_all([a, b, c])
session.flush()
a.name = "a2"
session.delete(b)
d = Item(name="d")
session.add(d)
session.flush()
session.commit()
