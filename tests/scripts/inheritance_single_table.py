# Single table inheritance as in the ORM docs "Mapping Class Inheritance Hierarchies": Employee
# with a "type" discriminator, Manager and Engineer subclasses, polymorphic loading from the base
# class, querying a subclass (adds the discriminator filter), and isinstance checks.
from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    type: Mapped[str]

    __mapper_args__ = {
        "polymorphic_identity": "employee",
        "polymorphic_on": "type",
    }

    def __repr__(self):
        return f"{self.__class__.__name__}({self.name!r})"


class Manager(Employee):
    manager_name: Mapped[str] = mapped_column(nullable=True)

    __mapper_args__ = {"polymorphic_identity": "manager"}


class Engineer(Employee):
    engineer_info: Mapped[str] = mapped_column(nullable=True)

    __mapper_args__ = {"polymorphic_identity": "engineer"}


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
print([c.name for c in Employee.__table__.columns])
print(Manager.__table__ is Employee.__table__)

with Session(engine) as session:
    session.add_all([
        Manager(name="Michael", manager_name="Regional"),
        Engineer(name="Dilbert", engineer_info="C++"),
        Engineer(name="Wally", engineer_info="coffee"),
        Employee(name="Toby"),
    ])
    session.commit()

    everyone = session.scalars(select(Employee).order_by(Employee.id)).all()
    print(everyone)
    print([e.type for e in everyone])
    print([isinstance(e, Engineer) for e in everyone])
    print(select(Engineer).where(Engineer.engineer_info == "C++"))
    print(session.scalars(select(Engineer).order_by(Engineer.name)).all())
    print(session.scalars(select(Manager)).one().manager_name)
    print(session.execute(select(Employee.name, Employee.type).where(Employee.type != "employee").order_by(Employee.name)).all())
