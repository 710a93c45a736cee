from sqlalchemy import Column, ForeignKey, Integer, String, create_engine, text
from sqlalchemy.orm import Session, declarative_base, relationship

Base = declarative_base()

class Department(Base):
    __tablename__ = "department"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    employees = relationship("Employee", back_populates="department")
    def __repr__(self):
        return self.name

class Employee(Base):
    __tablename__ = "employee"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    department_id = Column(Integer, ForeignKey("department.id"))
    department = relationship("Department", back_populates="employees")
    def __repr__(self):
        return self.name

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with engine.begin() as c:
    c.execute(text("INSERT INTO department VALUES (1, 'A'), (2, 'B')"))
    c.execute(text("INSERT INTO employee VALUES (1, 'x', 1), (2, 'y', 1)"))
engine.echo = True
print("== test 1")
s = Session(engine)
x = s.get(Employee, 1)
b = s.get(Department, 2)
x.department = b
print(sorted(map(repr, s.dirty)))
print(b.employees)
a = s.get(Department, 1)
print(a.employees)
s.rollback()
print("== test 2")
s = Session(engine, autoflush=False)
a = s.get(Department, 1)
b = s.get(Department, 2)
y = s.get(Employee, 2)
y.department = b
print(sorted(map(repr, s.dirty)))
print(a.employees, b.employees)
s.flush()
print(sorted(map(repr, s.dirty)))
s.rollback()
print("== test 3: append to a collection, the child's old parent (unloaded collection) in the identity map")
s = Session(engine)
a = s.get(Department, 1)
b = s.get(Department, 2)
y = s.get(Employee, 2)
b.employees.append(y)
print(sorted(map(repr, s.dirty)))
print(a.employees, b.employees)
s.rollback()
print("== test 4: the new parent expired by a commit")
s = Session(engine)
x = s.get(Employee, 1)
b = s.get(Department, 2)
s.commit()
x.department = b
s.flush()
print(x.department_id)
s.rollback()
