# Classic SQLAlchemy ORM tutorial (1.x), "Returning Lists and Scalars": all(), first(), one()
# and its errors, one_or_none(), scalar(); then "Counting".
from sqlalchemy import create_engine
engine = create_engine('sqlite:///:memory:')

from sqlalchemy.orm import declarative_base
Base = declarative_base()

from sqlalchemy import Column, Integer, String
class User(Base):
    __tablename__ = 'users'

    id = Column(Integer, primary_key=True)
    name = Column(String)
    fullname = Column(String)
    nickname = Column(String)

    def __repr__(self):
       return "<User(name='%s', fullname='%s', nickname='%s')>" % (
                            self.name, self.fullname, self.nickname)

Base.metadata.create_all(engine)

from sqlalchemy.orm import sessionmaker
Session = sessionmaker(bind=engine)
session = Session()

session.add_all([
    User(name='ed', fullname='Ed Jones', nickname='eddie'),
    User(name='wendy', fullname='Wendy Williams', nickname='windy'),
    User(name='mary', fullname='Mary Contrary', nickname='mary'),
    User(name='fred', fullname='Fred Flintstone', nickname='freddy')])
session.commit()

query = session.query(User).filter(User.name.like('%ed')).order_by(User.id)
print(query.all())
print(query.first())

try:
    user = query.one()
except Exception as e:
    print(type(e).__module__ + "." + type(e).__name__ + ":", e)

try:
    user = query.filter(User.id == 99).one()
except Exception as e:
    print(type(e).__module__ + "." + type(e).__name__ + ":", e)

print(query.filter(User.id == 99).one_or_none())
query = session.query(User.id).filter(User.name == 'ed').\
   order_by(User.id)
print(query.scalar())

print(session.query(User).filter(User.name.like('%ed')).count())

from sqlalchemy import func
print(session.query(func.count(User.name), User.name).group_by(User.name).all())
print(session.query(func.count('*')).select_from(User).scalar())
print(session.query(func.count(User.id)).scalar())
