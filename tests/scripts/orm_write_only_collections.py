# Write-only collections (SQLAlchemy 2.0 "Working with Large Collections"): WriteOnlyMapped
# one-to-many and many-to-many relationships; add() / add_all() / remove() change them without
# loading them (the flush writes the changes), select() queries them, and insert() / update() /
# delete() are bulk statements limited to the parent's rows. Iterating or replacing the
# collection of a persistent object raises.
from sqlalchemy import create_engine, ForeignKey, String, select, Table, Column
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session, WriteOnlyMapped


class Base(DeclarativeBase):
    pass


user_tag = Table(
    "user_tag",
    Base.metadata,
    Column("user_id", ForeignKey("user_account.id"), primary_key=True),
    Column("tag_id", ForeignKey("tag.id"), primary_key=True),
)


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    notes: WriteOnlyMapped["Note"] = relationship(order_by="Note.id")
    tags: WriteOnlyMapped["Tag"] = relationship(secondary=user_tag)


class Note(Base):
    __tablename__ = "note"
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str]
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class Tag(Base):
    __tablename__ = "tag"
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str]


print(WriteOnlyMapped)
engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
with Session(engine) as s:
    u = User(name="ed", notes=[Note(text="first")])
    s.add(u)
    u.notes.add(Note(text="n0"))
    s.commit()
    u.notes.add(Note(text="n1"))
    u.notes.add_all([Note(text="n2"), Note(text="n3")])
    u.tags.add(Tag(label="x"))
    print("added, nothing loaded")
    print(type(u.notes).__name__)
    s.flush()
    print(u.notes.select())
    notes = s.scalars(u.notes.select()).all()
    print([n.text for n in notes])
    u.notes.remove(notes[0])
    t = s.scalars(u.tags.select()).one()
    u.tags.remove(t)
    s.flush()
    print([n.text for n in s.scalars(u.notes.select().where(Note.text.like("n%")))])
    print(s.scalar(select(Note.user_id).where(Note.text == "first")))
    s.execute(u.notes.insert(), [{"text": "bulk1"}, {"text": "bulk2"}])
    s.execute(u.notes.update().values(text="changed").where(Note.text == "bulk1"))
    s.execute(u.notes.delete().where(Note.text == "bulk2"))
    print([n.text for n in s.scalars(u.notes.select())])
    try:
        list(u.notes)
    except Exception as e:
        print(type(e).__name__, e)
    try:
        u.notes = []
    except Exception as e:
        print(type(e).__name__, e)
    try:
        u.tags.insert()
    except Exception as e:
        print(type(e).__name__, e)
    s.commit()
