# from https://docs.sqlalchemy.org/en/20/orm/extensions/hybrid.html (Interval) and https://docs.sqlalchemy.org/en/20/orm/mapped_attributes.html (synonyms)
from sqlalchemy import create_engine, func, select
from sqlalchemy.ext.hybrid import hybrid_method, hybrid_property
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, aliased, mapped_column, synonym


class Base(DeclarativeBase):
    pass


class Interval(Base):
    __tablename__ = "interval"

    id: Mapped[int] = mapped_column(primary_key=True)
    start: Mapped[int]
    end: Mapped[int]

    begin = synonym("start")

    def __init__(self, start: int, end: int):
        self.start = start
        self.end = end

    @hybrid_property
    def length(self) -> int:
        return self.end - self.start

    @hybrid_method
    def contains(self, point: int) -> bool:
        return (self.start <= point) & (point <= self.end)

    @hybrid_method
    def intersects(self, other: "Interval") -> bool:
        return self.contains(other.start) | self.contains(other.end)

    def __repr__(self):
        return f"Interval({self.start}, {self.end})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

i1 = Interval(5, 10)
print(i1.length)
print(i1.contains(6), i1.contains(15))
print(i1.intersects(Interval(7, 18)), i1.intersects(Interval(25, 29)))
print(i1.begin)
i1.begin = 4
print(i1.start, i1.length)

print(select(Interval).filter(Interval.length > 10))
print(select(Interval).filter_by(length=5))
print(select(Interval).filter(Interval.contains(15)))
ia = aliased(Interval)
print(select(Interval, ia).filter(Interval.intersects(ia)))
print(select(Interval.begin).where(Interval.begin > 3))

with Session(engine) as session:
    session.add_all([i1, Interval(1, 3), Interval(2, 20), Interval(12, 15)])
    session.commit()
    print(session.scalars(select(Interval).where(Interval.length > 5).order_by(Interval.begin)).all())
    print(session.scalars(select(Interval).where(Interval.contains(13)).order_by(Interval.length.desc())).all())
    print(session.execute(select(Interval.begin, Interval.length).order_by(Interval.id)).all())
    print(session.scalar(select(func.max(Interval.length))))
    rows = session.execute(
        select(Interval.id, ia.id).join(ia, Interval.intersects(ia)).where(Interval.id < ia.id).order_by(Interval.id, ia.id)
    ).all()
    print(rows)
