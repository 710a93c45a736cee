# Classic 1.x ORM tutorial style, as learners still paste it: declarative_base from
# sqlalchemy.ext.declarative (MovedIn20Warning), session.query() with filter(), filter_by(),
# order_by(), first(), one(), count(), query.get() (LegacyAPIWarning), in_, like, and slices.
from sqlalchemy import Column, Integer, String, create_engine, or_, and_
from sqlalchemy.ext.declarative import declarative_base
from sqlalchemy.orm import sessionmaker

engine = create_engine("sqlite:///:memory:")
Base = declarative_base()


class Employee(Base):
    __tablename__ = "employees"

    id = Column(Integer, primary_key=True)
    name = Column(String(50), nullable=False)
    department = Column(String(50))
    salary = Column(Integer)

    def __repr__(self):
        return "<Employee(name='%s', department='%s', salary=%d)>" % (
            self.name, self.department, self.salary)


Base.metadata.create_all(engine)
Session = sessionmaker(bind=engine)
session = Session()

session.add_all([
    Employee(name="Alice Johnson", department="Engineering", salary=120000),
    Employee(name="Bob Smith", department="Marketing", salary=85000),
    Employee(name="Carol White", department="Engineering", salary=135000),
    Employee(name="David Brown", department="Sales", salary=70000),
    Employee(name="Eve Davis", department="Marketing", salary=92000),
    Employee(name="Frank Miller", department=None, salary=50000),
])
session.commit()

for emp in session.query(Employee).order_by(Employee.salary.desc()):
    print(emp)

print(session.query(Employee).filter(Employee.department == "Engineering").all())
print(session.query(Employee).filter_by(department="Marketing").order_by(Employee.name).first())
print(session.query(Employee).filter(Employee.name.like("%o%")).count())
print(session.query(Employee.name).filter(Employee.department.in_(["Sales", "Marketing"])).order_by(Employee.id).all())
print(session.query(Employee.name).filter(~Employee.department.in_(["Sales", "Marketing"])).all())
print(session.query(Employee).filter(Employee.department.is_(None)).one())
print(session.query(Employee).filter(Employee.department != None).count())
print(session.query(Employee.name).filter(or_(Employee.salary < 75000, Employee.name.startswith("E"))).all())
print(session.query(Employee.name).filter(and_(Employee.salary > 80000, Employee.department == "Marketing")).all())
print(session.query(Employee.name).filter(Employee.salary.between(80000, 125000)).order_by(Employee.name).all())
print(session.query(Employee).filter(Employee.name.ilike("carol%")).one().salary)

emp = session.query(Employee).get(3)
print(emp)
print(session.query(Employee).get(99))
print(session.get(Employee, 2))

print(session.query(Employee).order_by(Employee.id)[1:3])
try:
    print(session.query(Employee).order_by(Employee.id)[-1])
except Exception as e:
    print(type(e).__name__, e)
q = session.query(Employee.name, Employee.salary).order_by(Employee.name).limit(2).offset(1)
print(str(q))
for name, salary in q:
    print(name, salary)
for row in session.query(Employee.name.label("who")).order_by(Employee.id).limit(2):
    print(row.who)
print(session.query(Employee).filter(Employee.salary > 200000).first())
print(session.query(Employee).filter(Employee.name == "Nobody").one_or_none())
print(session.query(Employee.department).distinct().order_by(Employee.department).all())
session.close()
