from sqlalchemy import create_engine, ForeignKey
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session

class Base(DeclarativeBase):
    pass

class Dept(Base):
    __tablename__ = "dept"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    staff: Mapped[list["Emp"]] = relationship(back_populates="dept")

class Emp(Base):
    __tablename__ = "emp"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    dept_id: Mapped[int] = mapped_column(ForeignKey("dept.id"))
    dept: Mapped[Dept] = relationship(back_populates="staff")

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    eng = Dept(name="eng")
    s.add(Emp(name="ann", dept=eng))
    s.commit()
    print([e.name for e in eng.staff])
