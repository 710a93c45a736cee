# UnmappedInstanceError: session.add() of an instance of a plain class (uncaught).
from sqlalchemy import create_engine
from sqlalchemy.orm import Session


class Note:
    def __init__(self, text):
        self.text = text


engine = create_engine("sqlite://")
session = Session(engine)
session.add(Note("hello"))
