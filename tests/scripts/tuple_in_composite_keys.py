# tuple_() row values with a composite primary key: IN a list of rows, = a row, NOT IN, an empty list (echo shows SQLite's VALUES form).
from sqlalchemy import create_engine, text, select, tuple_, column, table, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, Session

class Base(DeclarativeBase):
    pass

class Seat(Base):
    __tablename__ = "seat"
    row: Mapped[int] = mapped_column(primary_key=True)
    num: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str]

engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all([Seat(row=r, num=n, label=f"{r}-{n}") for r in (1, 2) for n in (1, 2, 3)])
    s.commit()
    q = select(Seat.label).where(tuple_(Seat.row, Seat.num).in_([(1, 2), (2, 3)])).order_by(Seat.label)
    print(q)
    print(s.scalars(q).all())
    print(s.scalars(select(Seat.label).where(tuple_(Seat.row, Seat.num) == (2, 1))).all())
    print(s.scalars(select(Seat.label).where(tuple_(Seat.row, Seat.num).not_in([(1, 1)])).order_by(Seat.label)).all())
    print(s.scalars(select(Seat.label).where(tuple_(Seat.row, Seat.num).in_([]))).all())
    print(repr(tuple_(Seat.row, Seat.num)), str(tuple_(Seat.row, Seat.num)))
