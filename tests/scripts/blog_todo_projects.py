# Blog-post style: a 2.0-style to-do app (Project/Task) with an ordered delete-orphan collection,
# session.scalars(), session.dirty, a labelled GROUP BY printed and run, del from a collection.
from datetime import datetime, timedelta
from typing import Optional, List
from sqlalchemy import create_engine, String, Boolean, DateTime, ForeignKey, select, func, desc, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session


class Base(DeclarativeBase):
    pass


class Project(Base):
    __tablename__ = "projects"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    tasks: Mapped[List["Task"]] = relationship(back_populates="project", cascade="all, delete-orphan", order_by="Task.priority")

    def __repr__(self) -> str:
        return f"Project({self.name!r}, {len(self.tasks)} tasks)"


class Task(Base):
    __tablename__ = "tasks"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    notes: Mapped[Optional[str]] = mapped_column(Text)
    done: Mapped[bool] = mapped_column(Boolean, default=False)
    priority: Mapped[int] = mapped_column(default=3)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id"))
    project: Mapped[Project] = relationship(back_populates="tasks")

    def __str__(self):
        mark = "x" if self.done else " "
        return f"[{mark}] {self.title} (p{self.priority})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

with Session(engine) as session:
    home = Project(name="Home")
    work = Project(name="Work")
    home.tasks = [Task(title="Buy milk", priority=1), Task(title="Clean garage", priority=5, notes="weekend")]
    work.tasks.append(Task(title="Write report", priority=2))
    work.tasks.append(Task(title="Email Bob"))
    session.add_all([home, work])
    session.commit()
    print(home, work)

with Session(engine) as session:
    for p in session.scalars(select(Project).order_by(Project.name)):
        print(p.name)
        for t in p.tasks:
            print("  ", t)
    t = session.scalars(select(Task).where(Task.title.startswith("Email"))).one()
    t.done = True
    print(session.dirty)
    session.commit()
    stmt = select(Project.name, func.count(Task.id).label("n"), func.sum(Task.done).label("finished")).join(Project.tasks).group_by(Project.name).order_by(desc("n"))
    print(stmt)
    for row in session.execute(stmt):
        print(row.name, row.n, row.finished, row)
    open_tasks = session.scalars(select(Task).where(Task.done == False).order_by(Task.priority, Task.title)).all()
    print([str(t) for t in open_tasks])
    print(session.scalar(select(func.max(Task.priority))))
    home = session.scalars(select(Project).filter_by(name="Home")).first()
    del home.tasks[0]
    session.flush()
    print(session.scalar(select(func.count()).select_from(Task)))
    session.delete(home)
    session.commit()
    print(session.scalars(select(Task.title)).all())
    print(session.get(Project, 1), session.get(Project, 2))
