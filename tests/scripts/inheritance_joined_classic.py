# from https://docs.sqlalchemy.org/en/14/orm/inheritance.html#joined-table-inheritance
# (the classic declarative form: Column objects, polymorphic_on given the column), with the
# legacy Query API.
from sqlalchemy import Column, ForeignKey, Integer, String, create_engine
from sqlalchemy.orm import Session, declarative_base

Base = declarative_base()


class Employee(Base):
    __tablename__ = "employee"
    id = Column(Integer, primary_key=True)
    name = Column(String(50))
    type = Column(String(50))

    __mapper_args__ = {
        "polymorphic_identity": "employee",
        "polymorphic_on": type,
    }

    def __repr__(self):
        return "%s(%r)" % (self.__class__.__name__, self.name)


class Engineer(Employee):
    __tablename__ = "engineer"
    id = Column(Integer, ForeignKey("employee.id"), primary_key=True)
    engineer_name = Column(String(30))

    __mapper_args__ = {
        "polymorphic_identity": "engineer",
    }


class Manager(Employee):
    __tablename__ = "manager"
    id = Column(Integer, ForeignKey("employee.id"), primary_key=True)
    manager_name = Column(String(30))

    __mapper_args__ = {
        "polymorphic_identity": "manager",
    }


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
print(Manager.__table__.c.keys(), Manager.__mapper__)

session = Session(engine)
session.add_all(
    [
        Engineer(name="dilbert", engineer_name="dilbert the engineer"),
        Manager(name="pointy", manager_name="pointy haired boss"),
        Employee(name="ratbert"),
        Engineer(name="wally", engineer_name="wally the engineer"),
    ]
)
session.commit()

print(session.query(Employee).order_by(Employee.id).all())
print(session.query(Engineer).filter(Engineer.engineer_name.like("%wally%")).one())
print(session.query(Manager).count())
wally = session.query(Employee).filter_by(name="wally").one()
print(type(wally).__name__, wally.engineer_name)
pointy = session.get(Manager, 2)
pointy.manager_name = "the boss"
session.commit()
print(pointy.manager_name, pointy.type)
session.delete(wally)
session.commit()
print(session.query(Engineer.name).all())
session.close()
