# When does a flushed value stop being "added"? SQLAlchemy commits the values an INSERT
# wrote when the whole flush ends: `after_flush` still sees them added, `after_flush_postexec`
# sees them unchanged, and a flush that fails part-way leaves them added (a generated key
# is committed at once).
from sqlalchemy import String, create_engine, event, inspect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Item(Base):
    __tablename__ = "item"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))


class Tag(Base):
    __tablename__ = "tag"
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(30), nullable=False)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)


def show(when, objs):
    for o in objs:
        st = inspect(o)
        print(f"{when:>9} {o.name}: id={st.attrs.id.history} name={st.attrs.name.history}")


items = [Item(name="a"), Item(id=9, name="b")]
with Session(engine) as session:

    @event.listens_for(session, "after_flush")
    def after_flush(s, ctx):
        show("flush", items)

    @event.listens_for(session, "after_flush_postexec")
    def postexec(s, ctx):
        show("postexec", items)

    session.add_all(items)
    session.flush()
    show("after", items)
    session.commit()

with Session(engine) as session:
    first = Item(name="c")
    session.add(first)
    session.flush()
    later = [Item(name="d"), Item(id=20, name="e")]
    session.add_all([Tag(label=None)] + later)
    try:
        session.commit()
    except IntegrityError as err:
        print("IntegrityError:", err.orig)
    show("failed", [first] + later)
    print([inspect(o).transient for o in [first] + later])
    session.rollback()
    show("rollback", [first] + later)
