# Joined-table inheritance: the golden of crates/orm/src/mapper/joined_tests.rs.
from sqlalchemy import ForeignKey, create_engine, select
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
    __tablename__ = "manager"
    id: Mapped[int] = mapped_column(ForeignKey("employee.id"), primary_key=True)
    manager_name: Mapped[str]
    __mapper_args__ = {"polymorphic_identity": "manager"}


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
engine.echo = True
with Session(engine) as s:
    s.add_all([
        Manager(name="m1", manager_name="boss"),
        Employee(name="x"),
        Manager(name="m2", manager_name="chief"),
    ])
    s.flush()
    s.expunge_all()
    print(select(Manager).order_by(Manager.id))
    print([m.name for m in s.scalars(select(Manager).order_by(Manager.id))])
    s.expunge_all()
    objs = s.scalars(select(Employee).order_by(Employee.id)).all()
    print([type(o).__name__ for o in objs])
    print(objs[2].manager_name)
    objs[2].manager_name = "head"
    objs[2].name = "m3"
    s.flush()
    s.delete(objs[0])
    s.flush()
