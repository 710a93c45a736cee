# Seed 002 (002_7a6685c1f7a3ce8e.txt), "Models", "Creating Data": indentation restored, the
# cut-off __repr__ completed, and the `password` column that the repr and the example use added.
from sqlalchemy import create_engine
engine = create_engine('sqlite:///:memory:')

from sqlalchemy.orm import sessionmaker
Session = sessionmaker(bind=engine)

session = Session()

from sqlalchemy.ext.declarative import declarative_base
from sqlalchemy import Column, Integer, String

Base = declarative_base()

class User(Base):
    __tablename__ = 'users'

    id = Column(Integer, primary_key=True)
    name = Column(String)
    fullname = Column(String)
    password = Column(String)

    def __repr__(self):
        return "<User(name='%s', fullname='%s', password='%s')>" % (
            self.name, self.fullname, self.password)

Base.metadata.create_all(engine)

ed_user = User(name='ed', fullname='Ed Jones', password='edspassword')
print(ed_user)

session.add(ed_user)
print(session.new)

session.commit()
print(ed_user.id, ed_user)

wendy = User(name='wendy', fullname='Wendy Williams', password='foobar')
session.add(wendy)
ed_user.fullname = 'Edward Jones'
print(session.new, session.dirty)

session.rollback()
print(wendy in session, ed_user.fullname)
print(session.query(User).all())
