# Seed 000 (000_b008c31d3b78e80c.txt, "SqlAlchemy Models"), sections "Make your own Base Class
# to inherit From" and "Use the Custom Base Class", made runnable:
# - `from sqlalchemy import Column, Text` added;
# - the model needs a primary key: `username` is made the primary key;
# - MetaData.bind is gone in SQLAlchemy 2.x, so create_all() is given the engine.
# to_dict() reads self.__dict__: it holds only the attributes loaded or set so far, and a
# commit expires every attribute, leaving it empty until an attribute access reloads the row.
# The order in which a load fills __dict__ follows string hashing inside SQLAlchemy (it changes
# with PYTHONHASHSEED), so dicts read after a load are printed with their keys sorted.
from sqlalchemy import Column, Text
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker
from sqlalchemy.orm import declarative_base


def get_engine():
    return create_engine("sqlite:///mode_examples.sqlite")


def get_session():
    con = get_engine()
    Base.metadata.create_all(con)
    Session = sessionmaker(bind=con)
    session = Session()
    return session


Base = declarative_base()


class MyBaseHelper:
    def to_dict(self):
        return {k: v for k, v in self.__dict__.items() if k[0] != "_"}

    def update(self, **attrs):
        for key, value in attrs.items():
            if hasattr(self, key):
                setattr(self, key, value)


class User(Base, MyBaseHelper):
    __tablename__ = "users"
    username = Column('username', Text(), primary_key=True)
    firstname = Column('firstname', Text())
    lastname = Column('lastname', Text())


session = get_session()

user = User(username="jdoe", firstname="John")
print("transient:", user.to_dict())

session.add(user)
print("pending:", user.to_dict())

session.commit()
print("after commit:", user.to_dict())
print("keys of __dict__:", list(user.__dict__))

print("firstname:", user.firstname)
print("after loading one attribute:", dict(sorted(user.to_dict().items())))

user.update(lastname="Doe", nickname="johnny")
print("after update():", dict(sorted(user.to_dict().items())))
print("has nickname:", hasattr(user, "nickname"))
session.commit()

other = get_session()
loaded = other.query(User).first()
print("loaded by another session:", dict(sorted(loaded.to_dict().items())))
