# Blog-post style: a to_dict() mixin over inspect(self).mapper.column_attrs, json.dumps, a
# self-referential manager/reports relationship, selectinload + joinedload, sessionmaker.begin().
import json
from datetime import date
from sqlalchemy import create_engine, ForeignKey, String, select, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, sessionmaker, selectinload, joinedload


class Base(DeclarativeBase):
    def to_dict(self):
        return {c.key: getattr(self, c.key) for c in inspect(self).mapper.column_attrs}


class Department(Base):
    __tablename__ = "department"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    employees: Mapped[list["Employee"]] = relationship(back_populates="department")


class Employee(Base):
    __tablename__ = "employee"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    hired: Mapped[date]
    salary: Mapped[float] = mapped_column(default=50000.0)
    department_id: Mapped[int | None] = mapped_column(ForeignKey("department.id"))
    department: Mapped["Department | None"] = relationship(back_populates="employees")
    manager_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    manager: Mapped["Employee | None"] = relationship(remote_side=[id], back_populates="reports")
    reports: Mapped[list["Employee"]] = relationship(back_populates="manager")


engine = create_engine("sqlite://", echo=False)
Base.metadata.create_all(engine)
SessionLocal = sessionmaker(bind=engine, expire_on_commit=False)

with SessionLocal.begin() as s:
    eng = Department(name="Engineering")
    boss = Employee(name="Grace", hired=date(2001, 1, 15), salary=200000, department=eng)
    s.add_all([
        boss,
        Employee(name="Alan", hired=date(2010, 6, 1), department=eng, manager=boss),
        Employee(name="Ada", hired=date(2015, 3, 9), salary=120000.5, department=eng, manager=boss),
        Employee(name="Linus", hired=date(2020, 11, 30)),
    ])

with SessionLocal() as s:
    emps = s.scalars(select(Employee).options(selectinload(Employee.reports), joinedload(Employee.department)).order_by(Employee.hired)).unique().all()
    for e in emps:
        d = e.to_dict()
        d["hired"] = d["hired"].isoformat()
        print(json.dumps(d, sort_keys=True))
        print("  reports:", [r.name for r in e.reports], "dept:", e.department.name if e.department else None)
    grace = emps[0]
    print(grace.reports[0].manager is grace)
    raise_pct = {"Alan": 0.1, "Ada": 0.05}
    for e in grace.reports:
        e.salary = round(e.salary * (1 + raise_pct[e.name]), 2)
    print(sorted((e.name, e.salary) for e in s.dirty))
    s.commit()
    print(inspect(grace).attrs.salary.history, inspect(emps[1]).attrs.salary.value)
    by_year = {}
    for e in emps:
        by_year.setdefault(e.hired.year // 10 * 10, []).append(e.name)
    print(by_year)
    total = sum(e.salary for e in emps)
    print(f"total payroll: {total:,.2f}; average {total / len(emps):.1f}")
