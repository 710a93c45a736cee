# Column onupdate= (SQLAlchemy docs, "Column INSERT/UPDATE Defaults", Python-side defaults):
# a value and a function given as onupdate=; a flush's UPDATE sets them when the object has
# other changes, the object keeps the values, an explicitly set column wins, and an
# ORM-enabled update() calls the function once for the statement.
from typing import Optional

from sqlalchemy import create_engine, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

calls = 0


def next_version():
    global calls
    calls += 1
    return calls


class Base(DeclarativeBase):
    pass


class Doc(Base):
    __tablename__ = "doc"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    version: Mapped[int] = mapped_column(default=0, onupdate=next_version)
    touched: Mapped[Optional[str]] = mapped_column(onupdate="yes")


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
with Session(engine) as session:
    doc = Doc(title="draft")
    session.add(doc)
    session.flush()
    print(doc.version, doc.touched)
    doc.title = "final"
    session.flush()
    print(doc.__dict__.get("version"), doc.__dict__.get("touched"))
    session.flush()
    print("no change, no UPDATE:", doc.version, calls)
    doc.version = 100
    session.flush()
    print(doc.version, calls)
    session.execute(update(Doc).where(Doc.id == 1).values(title="again"))
    print(doc.version, doc.title, calls)
    session.commit()
    print(doc.version, doc.touched)
