# A NameError traceback: the snippet forgot to import Column (common when pasting tutorials).
# The name is looked up while the class body runs, so the traceback has two script frames.
from sqlalchemy.orm import declarative_base

Base = declarative_base()

print("defining User")

class User(Base):
    __tablename__ = 'users'
    id = Column(Integer, primary_key=True)
    name = Column(String)
