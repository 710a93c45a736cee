# Seed 000 (000_b008c31d3b78e80c.txt), section "Make a session": get_session() as written,
# with the model from "Use the Custom Base Class" given a primary key so that it maps.
# MetaData.create_all() without an engine relied on MetaData.bind, removed in SQLAlchemy 2.0.
from sqlalchemy import Column, Text
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker
from sqlalchemy.orm import declarative_base


def get_engine():
    return create_engine("sqlite:///mode_examples.sqlite")


def get_session():
    con = get_engine()
    Base.bind = con
    Base.metadata.create_all()
    Session = sessionmaker(bind=con)
    session = Session()
    return session


Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    username = Column('username', Text(), primary_key=True)
    firstname = Column('firstname', Text())
    lastname = Column('lastname', Text())


session = get_session()
