# Classic 1.x ORM tutorial, Customer/Order flavour: query().join() and outerjoin(), joining on an
# explicit condition, aliased(), eager loading with joinedload/subqueryload/selectinload (echo on
# for one of them), and a delete cascade from the customer to the orders.
from sqlalchemy import Column, ForeignKey, Integer, String, Numeric, create_engine, func
from sqlalchemy.orm import aliased, declarative_base, joinedload, relationship, selectinload, sessionmaker, subqueryload

Base = declarative_base()


class Customer(Base):
    __tablename__ = "customers"
    id = Column(Integer, primary_key=True)
    name = Column(String(40))
    city = Column(String(40))
    orders = relationship("Order", back_populates="customer", cascade="all, delete, delete-orphan",
                          order_by="Order.id")

    def __repr__(self):
        return f"<Customer {self.name} from {self.city}>"


class Order(Base):
    __tablename__ = "orders"
    id = Column(Integer, primary_key=True)
    customer_id = Column(Integer, ForeignKey("customers.id"))
    total = Column(Numeric(10, 2))
    customer = relationship("Customer", back_populates="orders")

    def __repr__(self):
        return f"<Order #{self.id} total={self.total}>"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
Session = sessionmaker(bind=engine)
session = Session()

ann = Customer(name="Ann", city="Oslo", orders=[Order(total="19.99"), Order(total="5.50")])
ben = Customer(name="Ben", city="Bergen", orders=[Order(total="120.00")])
cid = Customer(name="Cid", city="Oslo")
session.add_all([ann, ben, cid])
session.commit()

for c, o in session.query(Customer, Order).filter(Customer.id == Order.customer_id).order_by(Order.id):
    print(c.name, o)

print(session.query(Customer).join(Order).filter(Order.total > 10).order_by(Customer.name).all())
print(session.query(Customer).join(Customer.orders).filter(Order.total < 10).all())
print(session.query(Customer.name, func.count(Order.id)).outerjoin(Customer.orders)
      .group_by(Customer.name).order_by(Customer.name).all())
print(session.query(Customer).outerjoin(Order).filter(Order.id == None).all())

o1 = aliased(Order)
o2 = aliased(Order)
q = session.query(Customer.name).join(o1, Customer.orders).join(o2, Customer.orders).filter(o1.id < o2.id)
print(q.all())
print(q)

session.close()
c = session.query(Customer).options(joinedload(Customer.orders)).filter_by(name="Ann").one()
print(c, c.orders)
session.close()
customers = session.query(Customer).options(subqueryload(Customer.orders)).order_by(Customer.id).all()
print([(c.name, len(c.orders)) for c in customers])
session.close()

engine.echo = True
customers = session.query(Customer).options(selectinload(Customer.orders)).filter(Customer.city == "Oslo").all()
for c in customers:
    print(c.name, [str(o.total) for o in c.orders])
engine.echo = False

try:
    session.delete(ann)
except Exception as e:
    print(type(e).__name__, str(e).split(";")[1])
session.delete(session.query(Customer).filter_by(name="Ann").one())
session.commit()
print(session.query(Order).count(), session.query(Customer).count())
print(session.query(Order).all())
