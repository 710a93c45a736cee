# Seed 001 (001_50b64af84ef9670e.txt), "Step 2: Define the models" and "Step 3: Connect to the
# database", made runnable: quotes straightened, the cut import completed, and models.py
# inlined (so `from models import User, Base` is dropped). The seed creates `new_user` but never
# adds it, so nothing reaches the database until session.add() and session.commit().
from sqlalchemy import (Column, Integer, String)
from sqlalchemy.ext.declarative import declarative_base

Base = declarative_base()

class User(Base):
    __tablename__ = 'user'
    id = Column(Integer, primary_key=True)
    name = Column(String, nullable=False, unique=True)


from sqlalchemy import create_engine
from sqlalchemy.orm.session import sessionmaker

conn_string = 'sqlite:///test.sqlite3'
engine = create_engine(conn_string)
Base.metadata.create_all(engine) # here we create all tables
Session = sessionmaker(bind=engine)
session = Session()

# Now we are ready to use the model

new_user = User(name='test')
print(new_user in session, new_user.id)

from sqlalchemy import text
with engine.connect() as conn:
    print("tables:", conn.execute(text("select name from sqlite_master where type='table'")).all())
    print("select * from user:", conn.execute(text("select * from user")).all())

session.add(new_user)
print(new_user in session, new_user.id)
session.commit()
print(new_user in session, new_user.id)

with engine.connect() as conn:
    print("select * from user:", conn.execute(text("select * from user")).all())
