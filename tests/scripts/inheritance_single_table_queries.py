# from https://docs.sqlalchemy.org/en/20/orm/queryguide/inheritance.html and
# https://docs.sqlalchemy.org/en/20/orm/inheritance.html#single-table-inheritance:
# a deeper single-table hierarchy (Boss is a Manager), a subclass without columns of its
# own, and the subclass criterion in joins, select_from() and refreshes, with echo=True.
from sqlalchemy import ForeignKey, create_engine, func, inspect, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, joinedload, mapped_column, relationship


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
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"), nullable=True)
    company: Mapped[Company] = relationship(back_populates="employees")
    __mapper_args__ = {"polymorphic_identity": "employee", "polymorphic_on": "type"}

    def __repr__(self):
        return f"{self.__class__.__name__}({self.name!r})"


class Manager(Employee):
    manager_name: Mapped[str] = mapped_column(nullable=True)
    __mapper_args__ = {"polymorphic_identity": "manager"}


class Boss(Manager):
    golf_swing: Mapped[str] = mapped_column(nullable=True)
    __mapper_args__ = {"polymorphic_identity": "boss"}


class Engineer(Employee):
    engineer_info: Mapped[str] = mapped_column(nullable=True)
    __mapper_args__ = {"polymorphic_identity": "engineer"}


class Intern(Employee):
    __mapper_args__ = {"polymorphic_identity": "intern"}


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
print(inspect(Boss).inherits, inspect(Boss).base_mapper, inspect(Boss).polymorphic_identity)
print(Intern.__table__ is Employee.__table__, Intern.__mapper__.single)

with Session(engine) as session:
    c = Company(name="Acme")
    session.add_all([
        Boss(name="B", manager_name="bm", golf_swing="fore", company=c),
        Manager(name="M", manager_name="mm", company=c),
        Engineer(name="E", engineer_info="ei", company=c),
        Intern(name="I", company=c),
        Intern(name="J"),
    ])
    session.commit()
    print(session.scalars(select(Manager).order_by(Manager.id)).all())
    print(session.scalars(select(Intern)).all())
    print(session.scalars(select(Employee).where(Employee.company_id == None)).all())
    print(session.execute(select(Company.name, Engineer.name).join(Company.employees.of_type(Engineer))).all())
    print(session.scalars(select(Company).join(Engineer).where(Engineer.engineer_info == "ei")).all())
    print(session.scalar(select(func.count()).select_from(Manager)))
    print(session.scalars(select(Boss)).one().golf_swing)
    session.refresh(session.get(Boss, 1))
    company = session.scalars(select(Company).options(joinedload(Company.employees))).unique().one()
    print(company.employees)
    print([e.type for e in company.employees])
