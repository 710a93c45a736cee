# Classic SQLAlchemy ORM tutorial (1.x), "Common Filter Operators".
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

from sqlalchemy import and_, or_

def show(query):
    print(query.order_by(User.id).all())

show(session.query(User).filter(User.name == 'ed'))
show(session.query(User).filter(User.name != 'ed'))
show(session.query(User).filter(User.name.like('%ed%')))
show(session.query(User).filter(User.name.ilike('%ED%')))
show(session.query(User).filter(User.name.in_(['ed', 'wendy', 'jack'])))
show(session.query(User).filter(User.name.in_(
    session.query(User.name).filter(User.name.like('%ed%'))
)))
show(session.query(User).filter(~User.name.in_(['ed', 'wendy', 'jack'])))
show(session.query(User).filter(User.name == None))
show(session.query(User).filter(User.name.is_(None)))
show(session.query(User).filter(User.name != None))
show(session.query(User).filter(User.name.is_not(None)))
show(session.query(User).filter(and_(User.name == 'ed', User.fullname == 'Ed Jones')))
show(session.query(User).filter(User.name == 'ed', User.fullname == 'Ed Jones'))
show(session.query(User).filter(or_(User.name == 'ed', User.name == 'wendy')))
show(session.query(User).filter(User.name.contains('r')))
show(session.query(User).filter(User.name.startswith('w')))
print(User.name == None)
print(or_(User.name == 'ed', User.name == 'wendy'))
