# Blog-post style legacy Query cookbook: a dynamic relationship, group_by/having, distinct count,
# limit/offset and slices, exists(), ~any(), case(), cast(), strftime, a subquery join, self-join
# through aliased(), has() with keywords.
from sqlalchemy import create_engine, Column, Integer, String, ForeignKey, func, exists, case, cast, Float, DateTime, literal
from sqlalchemy.orm import declarative_base, relationship, sessionmaker, aliased
import datetime
Base = declarative_base()
class Customer(Base):
    __tablename__ = "customers"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    city = Column(String)
    orders = relationship("Order", backref="customer", lazy="dynamic")
class Order(Base):
    __tablename__ = "orders"
    id = Column(Integer, primary_key=True)
    customer_id = Column(Integer, ForeignKey("customers.id"))
    amount = Column(Integer)
    created = Column(DateTime, default=datetime.datetime(2024, 1, 1, 12, 0))
engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
session = sessionmaker(engine)()
data = [("Ann", "Paris", [10, 250]), ("Bob", "Rome", [75]), ("Cy", "Paris", []), ("Di", "Oslo", [5, 5, 500])]
for name, city, amounts in data:
    c = Customer(name=name, city=city)
    session.add(c)
    for a in amounts:
        c.orders.append(Order(amount=a))
session.commit()
ann = session.query(Customer).filter_by(name="Ann").one()
print(ann.orders.count(), ann.orders.filter(Order.amount > 100).all()[0].amount)
print(session.query(Customer.city, func.count(Customer.id)).group_by(Customer.city).having(func.count(Customer.id) > 1).all())
print(session.query(Customer).join(Order).filter(Order.amount > 50).distinct().count())
print(session.query(Customer.name).order_by(Customer.name).limit(2).offset(1).all())
print(session.query(Customer.name)[1:3])
print(session.query(exists().where(Order.amount > 400)).scalar())
print(session.query(Customer.name).filter(~Customer.orders.any()).all())
size = case((Order.amount >= 100, "big"), (Order.amount >= 50, "medium"), else_="small").label("size")
print(session.query(Order.id, size).order_by(Order.id).all())
print(session.query(func.lower(Customer.name), func.length(Customer.city)).first())
print(session.query(cast(Order.amount, Float) / 3).first())
print(session.query(func.strftime("%Y", Order.created)).distinct().all())
top = session.query(Order.customer_id, func.sum(Order.amount).label("total")).group_by(Order.customer_id).subquery()
print(session.query(Customer.name, top.c.total).join(top, Customer.id == top.c.customer_id).order_by(top.c.total.desc()).all())
o2 = aliased(Order)
print(session.query(Order.id, o2.id).join(o2, (Order.customer_id == o2.customer_id) & (Order.id < o2.id)).all())
print(session.query(Customer).filter(Customer.name.in_(["Ann", "Di"])).order_by(Customer.id.desc()).first().name)
print(session.query(literal(1)).scalar(), session.query(func.count("*")).select_from(Order).scalar())
print(session.query(Order).filter(Order.customer.has(city="Oslo")).count())
