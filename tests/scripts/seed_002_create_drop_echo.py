# Seed 002 (002_7a6685c1f7a3ce8e.txt), "Models": creating and dropping the tables, with echo=True
# so the DDL shows.
from sqlalchemy import create_engine, inspect
engine = create_engine('sqlite:///:memory:', echo=True)

from sqlalchemy.orm import declarative_base
from sqlalchemy import Column, Integer, String

Base = declarative_base()

class User(Base):
    __tablename__ = 'users'

    id = Column(Integer, primary_key=True)
    name = Column(String)
    fullname = Column(String)

Base.metadata.create_all(engine)
print(inspect(engine).get_table_names())

Base.metadata.drop_all(engine)
print(inspect(engine).get_table_names())
