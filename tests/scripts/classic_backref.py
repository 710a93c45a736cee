# Classic SQLAlchemy ORM tutorial (1.0-era form of "Building a Relationship"): Address.user with
# backref("addresses", order_by=id) creates User.addresses; both sides stay in sync in memory.
from sqlalchemy import create_engine, Column, Integer, String, ForeignKey
from sqlalchemy.orm import declarative_base, relationship, backref, sessionmaker

engine = create_engine('sqlite:///:memory:')
Base = declarative_base()

class User(Base):
    __tablename__ = 'users'

    id = Column(Integer, primary_key=True)
    name = Column(String)
    fullname = Column(String)
    password = Column(String)

    def __repr__(self):
        return "<User('%s','%s', '%s')>" % (self.name, self.fullname, self.password)

class Address(Base):
    __tablename__ = 'addresses'
    id = Column(Integer, primary_key=True)
    email_address = Column(String, nullable=False)
    user_id = Column(Integer, ForeignKey('users.id'))

    user = relationship("User", backref=backref('addresses', order_by=id))

    def __init__(self, email_address):
        self.email_address = email_address

    def __repr__(self):
        return "<Address('%s')>" % self.email_address

Base.metadata.create_all(engine)
Session = sessionmaker(bind=engine)
session = Session()

jack = User(name='jack', fullname='Jack Bean', password='gjffdd')
print(jack.addresses)
jack.addresses = [Address(email_address='jack@google.com'), Address(email_address='j25@yahoo.com')]
print(jack.addresses[1])
print(jack.addresses[1].user)

session.add(jack)
session.commit()

jack = session.query(User).filter_by(name='jack').one()
print(jack)
print(jack.addresses)

a = Address('jack@example.org')
a.user = jack
print(jack.addresses)
session.add(a)
session.commit()
print(session.query(Address).filter(Address.user == jack).count())
print(User.addresses.property.backref, User.addresses.property.order_by)
