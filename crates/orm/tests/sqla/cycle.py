# Golden SQL for per-object ordering when two mappers refer to each other
# (crates/orm/src/unit_of_work/cycle_tests.rs). Run: python cycle.py (SQLAlchemy 2.1.9).
from sqlalchemy import create_engine, ForeignKey, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session

class Base(DeclarativeBase): pass

class Dept(Base):
    __tablename__ = "depts"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    parent_emp_id: Mapped[int | None] = mapped_column(ForeignKey("emps.id"))
    founder = relationship("Emp", foreign_keys=[parent_emp_id])

class Emp(Base):
    __tablename__ = "emps"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    dept_id: Mapped[int | None] = mapped_column(ForeignKey("depts.id"))
    dept = relationship("Dept", foreign_keys=[dept_id])

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
engine.echo = True
with Session(engine) as s:
    d1 = Dept(name="d1")
    e1 = Emp(name="e1", dept=d1)
    d2 = Dept(name="d2", founder=e1)
    e2 = Emp(name="e2", dept=d2)
    s.add_all([e2, d2, e1, d1])
    s.commit()
    s.delete(e2); s.delete(d2); s.delete(e1); s.delete(d1)
    s.commit()
print("### end")
