# Blog-post style mistake: relationship("Adress") misspelt; the first constructor call raises
# InvalidRequestError and later uses report the failed mapper configuration.
from sqlalchemy import create_engine, Column, Integer, String, ForeignKey, select
from sqlalchemy.orm import declarative_base, relationship, Session
import sqlalchemy.exc as exc

Base = declarative_base()

class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    addresses = relationship("Adress", back_populates="user")

class Address(Base):
    __tablename__ = "addresses"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
    user = relationship("User", back_populates="addresses")

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
try:
    u = User(name="x")
except exc.InvalidRequestError as e:
    print(type(e).__name__, e)
try:
    with Session(engine) as s:
        s.add(User(name="y"))
except Exception as e:
    print(type(e).__name__, e)
