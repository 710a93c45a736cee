import json
from collections import Counter, defaultdict
from dataclasses import dataclass, asdict
from datetime import date
from itertools import groupby
from operator import attrgetter
from sqlalchemy import create_engine, String, ForeignKey, select, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session

class Base(DeclarativeBase):
    pass

class Dept(Base):
    __tablename__ = "dept"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))


class Emp(Base):
    __tablename__ = "emp"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    salary: Mapped[int]
    hired: Mapped[date]
    dept_id: Mapped[int] = mapped_column(ForeignKey("dept.id"))
    dept: Mapped[Dept] = relationship()

@dataclass
class EmpDTO:
    name: str
    dept: str
    salary: int

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    eng, ops = Dept(name="eng"), Dept(name="ops")
    s.add_all([
        Emp(name="ann", salary=120, hired=date(2020, 1, 5), dept=eng),
        Emp(name="bob", salary=90, hired=date(2021, 6, 1), dept=eng),
        Emp(name="cy", salary=80, hired=date(2019, 3, 9), dept=ops),
        Emp(name="dee", salary=95, hired=date(2022, 11, 30), dept=ops),
    ])
    s.commit()
    emps = s.scalars(select(Emp).order_by(Emp.id)).all()
    for dept_name, group in groupby(sorted(emps, key=lambda e: e.dept.name), key=lambda e: e.dept.name):
        group = list(group)
        print(f"{dept_name:<5}{len(group):>3}{sum(e.salary for e in group):>8,}")
    print([e.name for e in sorted(emps, key=attrgetter("salary"), reverse=True)])
    by_year = defaultdict(list)
    for e in emps:
        by_year[e.hired.year].append(e.name)
    print(dict(sorted(by_year.items())))
    print(Counter(e.dept.name for e in emps).most_common())
    dtos = [EmpDTO(e.name, e.dept.name, e.salary) for e in emps]
    print(dtos[0], json.dumps([asdict(d) for d in dtos[:2]]))
    rows = s.execute(select(Emp.name, Emp.hired).where(Emp.salary > 85)).all()
    print(json.dumps([row._asdict() for row in rows], default=str, indent=1))
    for e in emps:
        print(f"{e.name:>4} hired {e.hired:%d %b %Y} ({(date(2024, 1, 1) - e.hired).days} days)")
    totals = {d: t for d, t in s.execute(select(Dept.name, func.sum(Emp.salary)).join(Emp).group_by(Dept.name).order_by(Dept.name))}
    print(totals, max(totals, key=totals.get))
    top = next((e for e in emps if e.salary > 100), None)
    print(top.name if top else None, any(e.salary < 85 for e in emps), all(e.dept for e in emps))
