# Seed 000 (000_b008c31d3b78e80c.txt, "SqlAlchemy Models"), sections "Make a connection",
# "Make a session", "Make a Base Class", "Make your First Model", pasted in order as written.
# Only the missing `from sqlalchemy import Column, Text` is added.
# The notes date from SQLAlchemy 1.3: MetaData.bind was removed in 2.0, and the model has no
# primary key column. This records what SQLAlchemy 2.x does with the code as written.
from sqlalchemy import Column, Text
from sqlalchemy import create_engine
def get_engine():
    return create_engine("sqlite:///mode_examples.sqlite")

from sqlalchemy.orm import sessionmaker
def get_session():
    con = get_engine()
    Base.bind = con
    Base.metadata.create_all()
    Session = sessionmaker(bind=con)
    session = Session()
    return session

from sqlalchemy.ext.declarative import declarative_base
Base = declarative_base()
Base.metadata.bind = get_engine()
print("Base.metadata.bind =", Base.metadata.bind)

class User(Base):
    __tablename__ = "users"
    username = Column('username', Text())
    firstname = Column('firstname', Text())
    lastname = Column('lastname', Text())
