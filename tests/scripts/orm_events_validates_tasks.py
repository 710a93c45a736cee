# A task list with @validates on a column and on a collection, before_insert / before_update
# mapper events that fill a slug, a server_default timestamp, Date columns in a WHERE, and a
# join by relationship whose parent is not the first table the columns read (the join starts
# at the parent, as SQLAlchemy puts it).
from datetime import datetime, date
from sqlalchemy import ForeignKey, String, create_engine, select, func, event, text, DateTime
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, validates


class Base(DeclarativeBase):
    pass


class Task(Base):
    __tablename__ = "tasks"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(50))
    done: Mapped[bool] = mapped_column(default=False)
    due: Mapped[date | None]
    slug: Mapped[str] = mapped_column(String(60), default="")
    created: Mapped[datetime] = mapped_column(DateTime, server_default=text("CURRENT_TIMESTAMP"))
    tags: Mapped[list["Tag"]] = relationship(back_populates="task", cascade="all, delete-orphan")

    @validates("title")
    def strip(self, key, value):
        return value.strip()

    @validates("tags")
    def check_tag(self, key, tag):
        if not tag.name:
            raise ValueError("empty tag")
        return tag


class Tag(Base):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(20))
    task_id: Mapped[int] = mapped_column(ForeignKey("tasks.id"))
    task: Mapped[Task] = relationship(back_populates="tags")


@event.listens_for(Task, "before_insert")
def make_slug(mapper, connection, target):
    target.slug = target.title.lower().replace(" ", "-")


@event.listens_for(Task, "before_update")
def touch(mapper, connection, target):
    target.slug = target.slug + "!"


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
with Session(engine) as s:
    t = Task(title="  Write Docs ", due=date(2026, 12, 1), tags=[Tag(name="docs")])
    s.add(t)
    s.commit()
    print(t.slug, t.title, t.done, t.due, type(t.created).__name__)
    try:
        t.tags.append(Tag(name=""))
    except ValueError as e:
        print("ValueError:", e)
    t.done = True
    s.commit()
    print(t.slug, t.done)
    overdue = s.scalars(select(Task).where(Task.due < date(2027, 1, 1), Task.done.is_(True))).all()
    print([x.title for x in overdue])
    print(s.execute(select(func.count(Tag.id), func.max(Task.due)).join(Task.tags)).one())
