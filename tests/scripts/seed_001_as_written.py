# Seed 001 (001_50b64af84ef9670e.txt), "Step 2: Define the models", pasted as written:
# the import is cut short and the quotes are typographic (U+2018/U+2019).
from sqlalchemy import (
from sqlalchemy.ext.declarative import declarative_base

Base = declarative_base()

class User(Base):
    __tablename__ = ‘user’
    id = Column(Integer, primary_key=True)
    name = Column(String, nullable=False, unique=True)
