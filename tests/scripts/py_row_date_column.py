from datetime import date
from sqlalchemy import create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, Session

class Base(DeclarativeBase):
    pass

class Emp(Base):
    __tablename__ = "emp"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    hired: Mapped[date]

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(Emp(name="ann", hired=date(2020, 1, 5)))
    s.commit()
    for name, hired in s.execute(select(Emp.name, Emp.hired)):
        print(name, repr(hired), f"{hired:%d %b %Y}")
