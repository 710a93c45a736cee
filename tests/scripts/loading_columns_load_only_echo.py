# from https://docs.sqlalchemy.org/en/20/orm/queryguide/columns.html (load_only, defer, raiseload)
from sqlalchemy import ForeignKey, Text, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, defer, load_only, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    fullname: Mapped[str]
    books: Mapped[list["Book"]] = relationship(back_populates="owner")

    def __repr__(self) -> str:
        return f"User(id={self.id!r}, name={self.name!r}, fullname={self.fullname!r})"


class Book(Base):
    __tablename__ = "book"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    title: Mapped[str]
    summary: Mapped[str] = mapped_column(Text)
    cover_photo: Mapped[str] = mapped_column(Text)
    owner: Mapped["User"] = relationship(back_populates="books")

    def __repr__(self) -> str:
        return f"Book(id={self.id!r}, title={self.title!r})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([
        User(name="spongebob", fullname="Spongebob Squarepants", books=[
            Book(title="100 Years of Krabby Patties", summary="some long summary", cover_photo="binary_image_data"),
            Book(title="Sea Catch 22", summary="another long summary", cover_photo="binary_image_data"),
            Book(title="The Sea Grapes of Wrath", summary="yet another summary", cover_photo="binary_image_data"),
        ]),
        User(name="sandy", fullname="Sandy Cheeks", books=[
            Book(title="A Nut Like No Other", summary="some long summary", cover_photo="binary_image_data"),
            Book(title="Geodesic Domes: A Retrospective", summary="another long summary", cover_photo="binary_image_data"),
            Book(title="Rocketry for Squirrels", summary="yet another summary", cover_photo="binary_image_data"),
        ]),
    ])
    session.commit()

engine.echo = True
session = Session(engine)

stmt = select(Book).options(load_only(Book.title, Book.summary))
print(stmt)
books = session.scalars(stmt).all()
for book in books:
    print(f"{book.title}  {book.summary}")

img_data = books[0].cover_photo
print(img_data)
print("cover_photo" in books[1].__dict__)

session.expunge_all()
stmt = select(User, Book).join_from(User, Book).options(load_only(User.name), load_only(Book.title))
for user, book in session.execute(stmt):
    print(f"{user.name}  {book.title}")

session.expunge_all()
stmt = select(Book).where(Book.id == 4).options(defer(Book.cover_photo))
book = session.scalars(stmt).one()
print(book.title, book.summary)
print(len(book.cover_photo))

session.expunge_all()
book = session.scalar(
    select(Book).options(defer(Book.cover_photo, raiseload=True)).where(Book.id == 4)
)
try:
    book.cover_photo
except Exception as e:
    print(f"{type(e).__name__}: {e}")

book = session.scalar(select(Book).options(load_only(Book.title)).where(Book.id == 5))
book.summary = "a new summary"
session.commit()
print(book.title, book.summary)

with Session(engine) as s2:
    book = s2.scalar(select(Book).options(load_only(Book.title)).where(Book.id == 6))
try:
    book.summary
except Exception as e:
    print(f"{type(e).__name__}: {e}")
print(book.title)
session.close()
