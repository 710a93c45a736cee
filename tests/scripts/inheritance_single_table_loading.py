# from https://docs.sqlalchemy.org/en/20/orm/inheritance.html#relationships-with-single-table-inheritance
# (a relationship to a single-table subclass) loaded lazily, with selectinload() and with
# joinedload(), with echo=True.
from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, joinedload, mapped_column, relationship, selectinload


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
    manager_name: Mapped[str] = mapped_column(nullable=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"), nullable=True)
    company: Mapped[Company] = relationship(back_populates="managers")

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

with Session(engine) as session:
    acme = Company(name="Acme", managers=[Manager(name="Ann", manager_name="a1"), Manager(name="Bob", manager_name="b1")])
    session.add_all([acme, Engineer(name="Eve", engineer_info="e1"), Employee(name="Zed")])
    session.commit()

    print("--- lazy")
    print(acme.managers)
    print(acme.managers[0].company.name)
    session.expunge_all()

    print("--- selectinload")
    company = session.scalars(select(Company).options(selectinload(Company.managers))).one()
    print(company.managers)
    session.expunge_all()

    print("--- joinedload")
    company = session.scalars(select(Company).options(joinedload(Company.managers))).unique().one()
    print(company.managers)
    print(session.scalars(select(Manager).where(Manager.company == company)).all())
