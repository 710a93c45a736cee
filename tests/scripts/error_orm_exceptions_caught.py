# The ORM exceptions a learner meets, each caught and printed the way tutorials do:
# except Exception as e: print(type(e).__name__, e). NoResultFound, MultipleResultsFound,
# IntegrityError (unique and NOT NULL), DetachedInstanceError (lazy load and expired attribute),
# UnmappedInstanceError, and a TypeError for an unknown keyword in the default constructor.
from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.exc import IntegrityError, NoResultFound, MultipleResultsFound
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(100), unique=True)
    nickname: Mapped[str]
    posts: Mapped[list["Post"]] = relationship(back_populates="author")

    def __repr__(self):
        return f"User({self.email})"


class Post(Base):
    __tablename__ = "posts"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str]
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    author: Mapped[User] = relationship(back_populates="posts")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

with Session(engine) as session:
    session.add_all([
        User(email="kim@example.com", nickname="kim", posts=[Post(title="Hello")]),
        User(email="lee@example.com", nickname="lee"),
        User(email="park@example.com", nickname="lee"),
    ])
    session.commit()

    try:
        session.execute(select(User).where(User.nickname == "choi")).scalar_one()
    except NoResultFound as e:
        print(type(e).__name__, e)
    try:
        session.scalars(select(User).where(User.nickname == "lee")).one()
    except Exception as e:
        print(type(e).__name__, e)
    try:
        session.query(User).filter_by(nickname="nobody").one()
    except Exception as e:
        print(type(e).__name__, e)
    try:
        session.query(User).filter_by(nickname="lee").one_or_none()
    except MultipleResultsFound as e:
        print(type(e).__name__, e)
    print(session.scalars(select(User).where(User.nickname == "choi")).one_or_none())
    print(session.scalars(select(User).where(User.nickname == "lee")).first())

    session.add(User(email="kim@example.com", nickname="kim2"))
    try:
        session.commit()
    except IntegrityError as e:
        print(type(e).__name__, e.orig)
        print(e.statement)
        print(e.params)
        session.rollback()

    session.add(User(email="no-nick@example.com"))
    try:
        session.flush()
    except Exception as e:
        print(type(e).__name__, e)
        session.rollback()

    kim = session.scalars(select(User).filter_by(nickname="kim")).one()

print(kim)
try:
    print(kim.posts)
except Exception as e:
    print(type(e).__name__, e)

session = Session(engine)
lee = session.scalars(select(User).filter_by(email="lee@example.com")).one()
session.commit()
session.close()
try:
    print(lee.nickname)
except Exception as e:
    print(type(e).__name__, e)

try:
    session.add("not a model")
except Exception as e:
    print(type(e).__name__, e)

try:
    session.scalars(select(User).where(User.nickname == "lee")).one()
except Exception as e:
    print(type(e).__name__, e)
try:
    session.execute(select(User.email, User.nickname).where(User.id == 99)).one()
except Exception as e:
    print(type(e).__name__, e)
try:
    print(session.get(User, 99).email)
except Exception as e:
    print(type(e).__name__, e)
try:
    User(email="x@example.com", nick="x")
except Exception as e:
    print(type(e).__name__, e)
session.close()
