# Two classes mapped to the same __tablename__ on one Base (what pasting both models of
# seed 000 in one script does): InvalidRequestError "Table ... is already defined".
from sqlalchemy import Column, Integer, Text
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    username = Column('username', Text())


class MyBaseHelper:
    def to_dict(self):
        return {k: v for k, v in self.__dict__.items() if k[0] != "_"}


class User(Base, MyBaseHelper):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    username = Column('username', Text())
