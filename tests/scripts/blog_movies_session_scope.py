# Blog-post style: a session_scope() context manager (commit / rollback / close), generator add_all,
# GROUP BY with a labelled expression used again in group_by() and order_by(), min/max, a failed
# commit rolled back, Query.delete(synchronize_session=False).
from sqlalchemy import create_engine, Column, Integer, String, Float, select, func, desc
from sqlalchemy.orm import declarative_base, sessionmaker
from contextlib import contextmanager

Base = declarative_base()

class Movie(Base):
    __tablename__ = "movies"
    id = Column(Integer, primary_key=True, autoincrement=True)
    title = Column(String(255), nullable=False)
    year = Column(Integer)
    rating = Column(Float)
    genre = Column(String(50), index=True)

    def __repr__(self):
        return "<Movie(title='{}', year={}, rating={})>".format(self.title, self.year, self.rating)

engine = create_engine("sqlite:///:memory:")
Base.metadata.create_all(engine)
SessionLocal = sessionmaker(bind=engine)

@contextmanager
def session_scope():
    session = SessionLocal()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()

movies = [
    ("The Matrix", 1999, 8.7, "sci-fi"), ("Inception", 2010, 8.8, "sci-fi"), ("Up", 2009, 8.3, "animation"),
    ("Heat", 1995, 8.3, "crime"), ("Memento", 2000, 8.4, "thriller"), ("Coco", 2017, 8.4, "animation"),
]
with session_scope() as s:
    s.add_all(Movie(title=t, year=y, rating=r, genre=g) for t, y, r, g in movies)

with session_scope() as s:
    print(s.query(Movie).count())
    for genre, n, avg in s.query(Movie.genre, func.count(Movie.id), func.round(func.avg(Movie.rating), 2)).group_by(Movie.genre).order_by(desc(func.count(Movie.id)), Movie.genre):
        print(f"{genre:10} {n} {avg}")
    best = s.query(Movie).order_by(Movie.rating.desc(), Movie.year).first()
    print(best)
    nineties = s.scalars(select(Movie.title).where(Movie.year.between(1990, 1999)).order_by(Movie.title)).all()
    print(", ".join(nineties))
    print(s.query(func.min(Movie.year), func.max(Movie.year)).one())
    decade = (Movie.year - Movie.year % 10).label("decade")
    print(s.query(decade, func.count()).group_by(decade).order_by(decade).all())

try:
    with session_scope() as s:
        s.add(Movie(title=None))
except Exception as e:
    print("failed:", type(e).__name__, str(e).split("\n")[0])

with session_scope() as s:
    m = s.query(Movie).filter(Movie.title == "Up").one()
    m.rating = 8.5
print(m.title if False else "closed")
with session_scope() as s:
    print(s.query(Movie.rating).filter_by(title="Up").scalar())
    print(s.query(Movie).filter(Movie.title.in_(["Up", "Coco"])).delete(synchronize_session=False))
    print(s.query(Movie).count())
