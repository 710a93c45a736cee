# begin_nested(): SAVEPOINT / RELEASE SAVEPOINT / ROLLBACK TO SAVEPOINT, and the objects'
# states after a savepoint rolls back.
from sqlalchemy import Column, Integer, String, create_engine, inspect
from sqlalchemy.orm import Session, declarative_base

Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
engine.echo = True
s = Session(engine)
a = User(name="a")
s.add(a)
with s.begin_nested():
    b = User(name="b")
    s.add(b)
nested = s.begin_nested()
c = User(name="c")
s.add(c)
s.flush()
a.name = "a2"
nested.rollback()
print(inspect(a).persistent, inspect(b).persistent, inspect(c).transient, "name" in inspect(a).unloaded)
print(a.name)
s.commit()
