# from https://docs.sqlalchemy.org/en/20/core/type_basics.html (Numeric, Float) and https://docs.sqlalchemy.org/en/20/changelog/whatsnew_20.html#python-division-operator-performs-true-division-for-all-backends-added-floor-division
from decimal import Decimal

from sqlalchemy import Float, ForeignKey, Integer, Numeric, String, create_engine, insert, select, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Movie(Base):
    __tablename__ = "movie"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(40))
    year: Mapped[int] = mapped_column(Integer)
    rating = mapped_column(Float)
    price = mapped_column(Numeric(8, 2))


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)

# Python's / is true division in SQLAlchemy 2.0; // is floor division.
print(Movie.year / 10)
print(Movie.year // 10)
print(Movie.rating / 2)
print(Movie.rating // 2)
print(Movie.year / 2.5)
print(Movie.year / Movie.rating)
print(Movie.price / 4)
print(-Movie.year)
print(-(Movie.year - 2000) * 2)

with Session(engine) as session:
    m = Movie(title="Heat", year=1995, rating=8, price=2)
    print("before flush:", repr(m.price), repr(m.rating))
    session.add(m)
    session.flush()
    print("after flush:", repr(m.price), repr(m.rating))
    m.price = 3
    session.flush()
    print("after update:", repr(m.price))
    session.commit()
    print("after commit:", repr(m.price), repr(m.rating))

    session.execute(insert(Movie).values(title="Up", year=2009, rating=7, price=Decimal("1.50")))
    session.execute(update(Movie).where(Movie.price == 3).values(price=5))
    for row in session.execute(
        select(Movie.title, Movie.year / 10, Movie.year // 10, -Movie.year, Movie.rating / 2, Movie.price / 4).order_by(Movie.id)
    ):
        print(row)
    print(session.scalars(select(Movie.price).where(Movie.year / 4 > 500)).all())
