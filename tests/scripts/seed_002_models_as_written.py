# Seed 002 (002_7a6685c1f7a3ce8e.txt), "Models" and "Creating Data": indentation restored and the
# cut-off __repr__ completed. As in the notes, the model has no `password` column while the
# example passes password='edspassword'.
from sqlalchemy import create_engine
engine = create_engine('sqlite:///:memory:')

from sqlalchemy.ext.declarative import declarative_base
from sqlalchemy import Column, Integer, String

Base = declarative_base()

class User(Base):
    __tablename__ = 'users'

    id = Column(Integer, primary_key=True)
    name = Column(String)
    fullname = Column(String)

    def __repr__(self):
        return "<User(name='%s', fullname='%s', password='%s')>" % (
            self.name, self.fullname, self.password)

Base.metadata.create_all(engine)

ed_user = User(name='ed', fullname='Ed Jones', password='edspassword')
