# A Python SyntaxError in a pasted snippet (a missing colon after the class statement).
from sqlalchemy.orm import declarative_base
from sqlalchemy import Column, Integer, String

Base = declarative_base()

class User(Base)
    __tablename__ = 'users'
    id = Column(Integer, primary_key=True)
    name = Column(String)
