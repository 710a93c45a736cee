# Classic SQLAlchemy ORM tutorial (1.x), "Configuring delete/delete-orphan Cascade":
# session.query(User).get() (legacy, warns in 2.x), removing from the collection deletes the
# orphan, deleting the user deletes its addresses.
from sqlalchemy import create_engine
engine = create_engine('sqlite:///:memory:')

from sqlalchemy.orm import declarative_base
from sqlalchemy import Column, Integer, String, ForeignKey
from sqlalchemy.orm import relationship, sessionmaker
Base = declarative_base()

class User(Base):
    __tablename__ = 'users'

    id = Column(Integer, primary_key=True)
    name = Column(String)
    fullname = Column(String)
    nickname = Column(String)

    addresses = relationship("Address", back_populates='user',
                    cascade="all, delete, delete-orphan")

    def __repr__(self):
       return "<User(name='%s', fullname='%s', nickname='%s')>" % (
                               self.name, self.fullname, self.nickname)

class Address(Base):
    __tablename__ = 'addresses'
    id = Column(Integer, primary_key=True)
    email_address = Column(String, nullable=False)
    user_id = Column(Integer, ForeignKey('users.id'))
    user = relationship("User", back_populates="addresses")

    def __repr__(self):
        return "<Address(email_address='%s')>" % self.email_address

Base.metadata.create_all(engine)
Session = sessionmaker(bind=engine)
session = Session()
session.add_all([User(name=n) for n in ('ed', 'wendy', 'mary', 'fred')])
session.add(User(name='jack', fullname='Jack Bean', nickname='gjffdd', addresses=[
    Address(email_address='jack@google.com'), Address(email_address='j25@yahoo.com')]))
session.commit()
session.close()

engine.echo = True
jack = session.query(User).get(5)

del jack.addresses[1]

print(session.query(Address).filter(
    Address.email_address.in_(['jack@google.com', 'j25@yahoo.com'])
).count())

session.delete(jack)

print(session.query(User).filter_by(name='jack').count())

print(session.query(Address).filter(
   Address.email_address.in_(['jack@google.com', 'j25@yahoo.com'])
).count())
