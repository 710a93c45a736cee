# from https://docs.sqlalchemy.org/en/20/orm/contextual.html (Contextual/Thread-local Sessions)
from sqlalchemy import create_engine, String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, scoped_session, sessionmaker

engine = create_engine("sqlite://")

session_factory = sessionmaker(bind=engine)
Session = scoped_session(session_factory)


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))

    query = Session.query_property()

    def __repr__(self):
        return f"<User {self.name}>"


Base.metadata.create_all(engine)

some_session = Session()
some_other_session = Session()
print(some_session is some_other_session)

Session.add(User(name="ed"))
Session.add_all([User(name="wendy"), User(name="mary")])
print(len(Session.new))
Session.commit()
print(User.query.filter_by(name="ed").one())
print(User.query.order_by(User.name).all())
print(Session.scalars(select(User.name).order_by(User.id)).all())

Session.remove()
new_session = Session()
print(new_session is some_session)
print(some_session.new, len(some_session.identity_map))
print(Session.get(User, 2))
print(Session.session_factory is session_factory)

try:
    Session(autoflush=False)
except Exception as e:
    print(type(e).__name__, e)

Session.remove()
s = Session(autoflush=False)
print(s.autoflush)
Session.remove()
