# from https://docs.sqlalchemy.org/en/20/orm/queryguide/inheritance.html (single inheritance; setup from _single_inheritance.html)
# and https://docs.sqlalchemy.org/en/20/orm/inheritance.html#single-table-inheritance
from sqlalchemy import ForeignKey, create_engine, inspect, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Company(Base):
    __tablename__ = "company"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    employees: Mapped[list["Employee"]] = relationship(back_populates="company")


class Employee(Base):
    __tablename__ = "employee"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    type: Mapped[str]
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"))
    company: Mapped[Company] = relationship(back_populates="employees")

    def __repr__(self):
        return f"{self.__class__.__name__}({self.name!r})"

    __mapper_args__ = {
        "polymorphic_identity": "employee",
        "polymorphic_on": "type",
    }


class Manager(Employee):
    manager_name: Mapped[str] = mapped_column(nullable=True)
    __mapper_args__ = {
        "polymorphic_identity": "manager",
    }


class Engineer(Employee):
    engineer_info: Mapped[str] = mapped_column(nullable=True)
    __mapper_args__ = {
        "polymorphic_identity": "engineer",
    }


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)

print(inspect(Manager).polymorphic_identity, inspect(Engineer).inherits)
print(inspect(Employee).polymorphic_on)

with Session(engine) as session:
    e = Engineer(name="Squidward", engineer_info="Senior Customer Engagement Engineer")
    print(e.type)
    session.add(Company(
        name="Krusty Krab",
        employees=[
            Manager(name="Mr. Krabs", manager_name="Eugene H. Krabs"),
            Engineer(name="SpongeBob", engineer_info="Krabby Patty Master"),
            e,
        ],
    ))
    session.commit()

    print("--- select(Employee)")
    stmt = select(Employee).order_by(Employee.id)
    objects = session.scalars(stmt).all()
    print(objects)
    print([type(o).__name__ for o in objects])
    mr_krabs = objects[0]
    print(mr_krabs.manager_name)

    print("--- select(Manager)")
    print(select(Manager).order_by(Manager.id))
    managers = session.scalars(select(Manager).order_by(Manager.id)).all()
    print(managers)

    print("--- select(Engineer) with criteria")
    stmt = select(Engineer).where(Engineer.engineer_info.like("%Patty%"))
    print(session.scalars(stmt).all())

    print("--- get")
    print(session.get(Engineer, 2))
    print(session.get(Engineer, 1))

    print("--- relationship")
    krusty = session.scalars(select(Company)).one()
    print(krusty.employees)
    print(isinstance(krusty.employees[1], Engineer), isinstance(krusty.employees[1], Manager))
    print(session.execute(select(Company).join(Company.employees).where(Employee.name == "SpongeBob")).scalars().all())

    print("--- changes")
    spongebob = session.get(Employee, 2)
    spongebob.engineer_info = "Fry Cook"
    session.add(Manager(name="Squilliam", company=krusty))
    session.commit()
    print(session.scalars(select(Manager.name).order_by(Manager.name)).all())
    session.delete(spongebob)
    session.commit()
    print(session.scalars(select(Engineer)).all())
