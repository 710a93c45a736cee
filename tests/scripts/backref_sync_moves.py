# Bidirectional relationships kept in sync in memory before any flush: appending to a collection
# sets the many-to-one, setting the many-to-one appends, moving a child to another parent removes
# it from the old collection, and None detaches it. Then the same after a commit (lazy loads).
from sqlalchemy import Column, ForeignKey, Integer, String, create_engine
from sqlalchemy.orm import Session, declarative_base, relationship

Base = declarative_base()


class Department(Base):
    __tablename__ = "department"
    id = Column(Integer, primary_key=True)
    name = Column(String(30))
    employees = relationship("Employee", back_populates="department")

    def __repr__(self):
        return f"Department({self.name})"


class Employee(Base):
    __tablename__ = "employee"
    id = Column(Integer, primary_key=True)
    name = Column(String(30))
    department_id = Column(Integer, ForeignKey("department.id"))
    department = relationship("Department", back_populates="employees")

    def __repr__(self):
        return f"Employee({self.name})"


sales = Department(name="Sales")
it = Department(name="IT")
jim = Employee(name="Jim")
pam = Employee(name="Pam")
dwight = Employee(name="Dwight", department=sales)

print(sales.employees, dwight.department)
sales.employees.append(jim)
print(jim.department, sales.employees)
pam.department = it
print(it.employees)
jim.department = it
print(sales.employees, it.employees)
it.employees.remove(pam)
print(pam.department, it.employees)
sales.employees = [pam, dwight]
print(pam.department, dwight.department, sales.employees)
print(jim.department_id, pam.department_id)

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([sales, it])
    session.commit()
    print(sorted((e.name, e.department_id) for e in [jim, pam, dwight]))
    dwight.department = it
    print(sales.employees, it.employees)
    session.commit()
    print(sales.employees, it.employees, dwight.department_id)
    jim.department = None
    session.commit()
    print(jim.department_id, it.employees)
    session.delete(it)
    session.commit()
    print(dwight.department_id, dwight.department)
