# from https://docs.sqlalchemy.org/en/20/orm/queryguide/relationships.html (joinedload) over a
# joined-table inheritance subclass as in https://docs.sqlalchemy.org/en/20/orm/inheritance.html:
# a collection of Managers eagerly joined (the subclass's tables aliased and nested), a
# nested joinedload below it, and a many-to-one joinedload from the subclass, with echo=True.
from typing import List
from sqlalchemy import create_engine, ForeignKey, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session, joinedload
class Base(DeclarativeBase):
    pass
class Company(Base):
    __tablename__ = "company"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    managers: Mapped[List["Manager"]] = relationship(back_populates="company", order_by="Manager.name")
class Employee(Base):
    __tablename__ = "employee"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    type: Mapped[str]
    __mapper_args__ = {"polymorphic_identity": "employee", "polymorphic_on": "type"}
    def __repr__(self):
        return f"{type(self).__name__}({self.name!r})"
class Manager(Employee):
    __tablename__ = "manager"
    id: Mapped[int] = mapped_column(ForeignKey("employee.id"), primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id"))
    company: Mapped[Company] = relationship(back_populates="managers")
    reports: Mapped[List["Report"]] = relationship()
    __mapper_args__ = {"polymorphic_identity": "manager"}
class Report(Base):
    __tablename__ = "report"
    id: Mapped[int] = mapped_column(primary_key=True)
    manager_id: Mapped[int] = mapped_column(ForeignKey("manager.id"))
engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(Company(name="Acme", managers=[Manager(name="Bob", reports=[Report()]), Manager(name="Ann")]))
    s.commit()
    s.expunge_all()
    c = s.scalars(select(Company).options(joinedload(Company.managers).joinedload(Manager.reports))).unique().one()
    print(c.managers, [len(m.reports) for m in c.managers])
    s.expunge_all()
    ms = s.scalars(select(Manager).options(joinedload(Manager.company)).order_by(Manager.name)).all()
    print(ms, ms[0].company.name)
