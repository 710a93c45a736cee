# Two rows that point at each other (the docs' "Rows that point to themselves / Mutually
# Dependent Rows"): without post_update the flush raises CircularDependencyError; with
# relationship(post_update=True) it INSERTs both rows, then UPDATEs the foreign key.
from sqlalchemy import ForeignKey, create_engine, exc
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Widget(Base):
    __tablename__ = "widget"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    favorite_entry_id: Mapped[int | None] = mapped_column(ForeignKey("entry.id", name="fk_favorite_entry"))
    entries: Mapped[list["Entry"]] = relationship(foreign_keys="Entry.widget_id", back_populates="widget")
    favorite_entry: Mapped["Entry | None"] = relationship(foreign_keys=[favorite_entry_id], post_update=True)


class Entry(Base):
    __tablename__ = "entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    widget_id: Mapped[int | None] = mapped_column(ForeignKey("widget.id"))
    widget: Mapped[Widget | None] = relationship(foreign_keys=[widget_id], back_populates="entries")


print(issubclass(exc.CircularDependencyError, exc.SQLAlchemyError))
print(Widget.favorite_entry.property.post_update, Widget.entries.property.post_update)
engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

engine.echo = True
with Session(engine) as session:
    w = Widget(name="w1")
    e = Entry(name="e1")
    w.entries.append(e)
    w.favorite_entry = e
    session.add(w)
    session.commit()
    engine.echo = False
    print(w.favorite_entry_id, e.widget_id)
    w.favorite_entry = None
    session.commit()
engine.echo = True
with Session(engine) as session:
    w, e = session.get(Widget, 1), session.get(Entry, 1)
    w.favorite_entry = e
    session.delete(w)
    session.delete(e)
    session.commit()
engine.echo = False


class Base2(DeclarativeBase):
    pass


class Left(Base2):
    __tablename__ = "left_side"
    id: Mapped[int] = mapped_column(primary_key=True)
    right_id: Mapped[int | None] = mapped_column(ForeignKey("right_side.id"))
    right: Mapped["Right | None"] = relationship(foreign_keys=[right_id])


class Right(Base2):
    __tablename__ = "right_side"
    id: Mapped[int] = mapped_column(primary_key=True)
    left_id: Mapped[int | None] = mapped_column(ForeignKey("left_side.id"))
    left: Mapped[Left | None] = relationship(foreign_keys=[left_id])


Base2.metadata.create_all(engine)
with Session(engine) as session:
    left, right = Left(), Right()
    left.right, right.left = right, left
    session.add_all([left, right])
    try:
        session.flush()
    except exc.CircularDependencyError as e:
        print(type(e).__name__, isinstance(e, exc.SQLAlchemyError))
