# SQLAlchemy 2.x ORM Quick Start, adapted by a learner to a library: Mapped/mapped_column models
# with Optional columns and server defaults, sessionmaker() with Session.begin() blocks, the
# DDL echoed, and select() / scalars() / where() chains.
from typing import List, Optional

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker


class Base(DeclarativeBase):
    pass


class Library(Base):
    __tablename__ = "library"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    city: Mapped[Optional[str]]
    books: Mapped[List["Book"]] = relationship(back_populates="library", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"Library(id={self.id!r}, name={self.name!r}, city={self.city!r})"


class Book(Base):
    __tablename__ = "book"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    year: Mapped[Optional[int]]
    available: Mapped[bool] = mapped_column(default=True, server_default="1")
    library_id: Mapped[int] = mapped_column(ForeignKey("library.id"))
    library: Mapped["Library"] = relationship(back_populates="books")

    def __repr__(self) -> str:
        return f"Book(id={self.id!r}, title={self.title!r}, year={self.year!r})"


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
engine.echo = False
SessionLocal = sessionmaker(bind=engine, expire_on_commit=False)

with SessionLocal.begin() as session:
    central = Library(name="Central Library", city="Springfield")
    central.books.extend([
        Book(title="Dune", year=1965),
        Book(title="Neuromancer", year=1984),
        Book(title="The Left Hand of Darkness", year=1969, available=False),
    ])
    branch = Library(name="Branch", books=[Book(title="Foundation")])
    session.add_all([central, branch])

print(central, central.books)
print(branch.books[0].year, branch.books[0].available, branch.city)

with SessionLocal() as session:
    stmt = select(Book).where(Book.year < 1970).where(Book.available).order_by(Book.year)
    print(session.scalars(stmt).all())
    stmt = select(Book).join(Book.library).where(Library.city.is_not(None)).order_by(Book.title)
    for book in session.scalars(stmt):
        print(f"{book.title} @ {book.library.name}")
    print(session.scalars(select(Book.title).where(Book.year.is_(None))).all())
    lib = session.get(Library, 1)
    print(lib, len(lib.books))

with SessionLocal.begin() as session:
    neuro = session.scalars(select(Book).filter_by(title="Neuromancer")).one()
    neuro.available = False
    session.delete(session.get(Library, 2))

with SessionLocal() as session:
    print(session.execute(select(Book.title, Book.available).order_by(Book.id)).all())
    print(session.scalars(select(Library)).all())
