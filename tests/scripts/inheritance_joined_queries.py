# from https://docs.sqlalchemy.org/en/20/orm/queryguide/inheritance.html (joined inheritance:
# the setup of _inheritance_setup.html, a Boss subclass of Manager with its own table as in
# https://docs.sqlalchemy.org/en/20/orm/inheritance.html), joins to subclasses, with echo=True.
from typing import List
from sqlalchemy import create_engine, ForeignKey, select, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session, selectinload


class Base(DeclarativeBase):
    pass


class Company(Base):
    __tablename__ = "company"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    employees: Mapped[List["Employee"]] = relationship(back_populates="company")


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
    __tablename__ = "manager"
    id: Mapped[int] = mapped_column(ForeignKey("employee.id"), primary_key=True)
    manager_name: Mapped[str]
    paperwork: Mapped[List["Paperwork"]] = relationship()
    __mapper_args__ = {
        "polymorphic_identity": "manager",
    }


class Paperwork(Base):
    __tablename__ = "paperwork"
    id: Mapped[int] = mapped_column(primary_key=True)
    manager_id: Mapped[int] = mapped_column(ForeignKey("manager.id"))
    document_name: Mapped[str]

    def __repr__(self):
        return f"Paperwork({self.document_name!r})"


class Engineer(Employee):
    __tablename__ = "engineer"
    id: Mapped[int] = mapped_column(ForeignKey("employee.id"), primary_key=True)
    engineer_info: Mapped[str]
    __mapper_args__ = {
        "polymorphic_identity": "engineer",
    }


class Boss(Manager):
    __tablename__ = "boss"
    id: Mapped[int] = mapped_column(ForeignKey("manager.id"), primary_key=True)
    golf_swing: Mapped[str]
    __mapper_args__ = {"polymorphic_identity": "boss"}


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)

with Session(engine) as session:
    session.add(
        Company(
            name="Krusty Krab",
            employees=[
                Boss(name="Mr. Krabs", manager_name="Eugene H. Krabs", golf_swing="fore",
                     paperwork=[Paperwork(document_name="Secret Recipes")]),
                Engineer(name="SpongeBob", engineer_info="Krabby Patty Master"),
                Engineer(name="Squidward", engineer_info="Senior Customer Engagement Engineer"),
            ],
        )
    )
    session.commit()

    print("--- subclasses of subclasses")
    print(session.scalars(select(Boss)).all())
    mr_krabs = session.scalars(select(Manager)).one()
    print(mr_krabs, mr_krabs.golf_swing)
    session.expire(mr_krabs)
    print(mr_krabs.golf_swing)

    print("--- joins")
    stmt = select(Company).join(Company.employees.of_type(Engineer)).where(
        Engineer.engineer_info == "Krabby Patty Master"
    )
    print(stmt)
    print(session.scalars(stmt).all())
    print(session.execute(
        select(Company.name, Engineer.name)
        .join(Company.employees.of_type(Engineer))
        .order_by(Engineer.name)
    ).all())
    print(session.scalars(select(Company.name).join(Engineer).where(Engineer.engineer_info.like("%Senior%"))).all())
    print(select(Company.name).outerjoin(Manager))
    print(session.execute(select(Manager.name, Paperwork.document_name).join(Manager.paperwork)).all())

    print("--- changes")
    mr_krabs.golf_swing = "slice"
    mr_krabs.manager_name = "Eugene Harold Krabs"
    session.commit()
    session.delete(mr_krabs.paperwork[0])
    session.delete(mr_krabs)
    session.commit()
    print(session.scalars(select(Employee.name).order_by(Employee.id)).all())
