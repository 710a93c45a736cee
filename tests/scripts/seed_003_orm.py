# Seed 003 (003_3b288ba134cb0f54.txt), "ORM", made runnable: an `id` primary key is added (the
# mapper requires one), plus the engine and session the notes leave out.
from sqlalchemy.ext.declarative import declarative_base
from sqlalchemy import Column, String, Integer
from sqlalchemy import create_engine
from sqlalchemy.orm import sessionmaker

Base = declarative_base()

class User(Base):
  __tablename__ = "users"

  id = Column(Integer, primary_key=True)
  firstname = Column(String)
  lastname = Column(String)
  age = Column(Integer)

engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
session = sessionmaker(bind=engine)()

new_user = User(firstname="Nicolas", lastname="Copernicus", age=309)

session.add(new_user)
session.commit()

for user in session.query(User):
    print(user.id, user.firstname, user.lastname, user.age)
