# from https://docs.sqlalchemy.org/en/20/orm/inheritance.html#relationships-with-joined-inheritance
# (a relationship to a joined-table subclass, Company.managers) loaded lazily and with
# selectinload(), with echo=True.
from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, selectinload


class Base(DeclarativeBase):
    pass


class Company(Base):
    __tablename__ = "company"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    managers: Mapped[list["Manager"]] = relationship(back_populates="company")


class Employee(Base):
    __tablename__ = "employee"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    type: Mapped[str]

    def __repr__(self):
        return f"{self.__class__.__name__}({self.name!r})"

    __mapper_args__ = {
        "polymorphic_identity": "employee",
        "polymorphic_on": "type",
    }


class Manager(Employee):
    __tablename__ = "manager"
    id: Mapped[int] = mapped_column(ForeignKey("employee.id"), primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"))
    company: Mapped[Company] = relationship(back_populates="managers")

    __mapper_args__ = {
        "polymorphic_identity": "manager",
    }


class Engineer(Employee):
    __tablename__ = "engineer"
    id: Mapped[int] = mapped_column(ForeignKey("employee.id"), primary_key=True)
    engineer_info: Mapped[str]

    __mapper_args__ = {
        "polymorphic_identity": "engineer",
    }


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)

with Session(engine) as session:
    acme = Company(name="Acme", managers=[Manager(name="Ann"), Manager(name="Bob")])
    session.add_all([acme, Engineer(name="Eve", engineer_info="e1")])
    session.commit()

    print("--- lazy")
    print(acme.managers)
    print(acme.managers[0].company.name)
    session.expunge_all()

    print("--- selectinload")
    company = session.scalars(select(Company).options(selectinload(Company.managers))).one()
    print(company.managers)
    print([m.company is company for m in company.managers])
    session.expunge_all()

    print("--- many-to-one from the subclass")
    ann = session.scalars(select(Manager).where(Manager.name == "Ann")).one()
    print(ann.company.name)
    print(session.scalars(select(Manager.name).join(Manager.company).where(Company.name == "Acme")).all())
