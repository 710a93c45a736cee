# Single-table inheritance: the golden of crates/orm/src/mapper/inheritance_tests.rs.
from sqlalchemy import create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    type: Mapped[str]
    __mapper_args__ = {"polymorphic_identity": "employee", "polymorphic_on": "type"}


class Manager(Employee):
    manager_name: Mapped[str] = mapped_column(nullable=True)
    __mapper_args__ = {"polymorphic_identity": "manager"}


class Engineer(Employee):
    engineer_info: Mapped[str] = mapped_column(nullable=True)
    __mapper_args__ = {"polymorphic_identity": "engineer"}


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
engine.echo = True
with Session(engine) as s:
    s.add_all([
        Engineer(name="e1", engineer_info="rust"),
        Engineer(name="e2", engineer_info="go"),
        Manager(name="m1", manager_name="boss"),
        Employee(name="x"),
    ])
    s.flush()
    s.expunge_all()
    objs = s.scalars(select(Employee).order_by(Employee.id)).all()
    print([type(o).__name__ for o in objs])
    print(objs[2].manager_name)
    print(s.get(Engineer, 3))
    print([e.name for e in s.scalars(select(Engineer).where(Engineer.engineer_info == "go"))])
    print(select(Engineer).where(Engineer.engineer_info == "go"))
