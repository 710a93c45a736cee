# from https://docs.sqlalchemy.org/en/20/orm/composites.html (Composite Column Types)
import dataclasses

from sqlalchemy import Integer, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, composite, mapped_column


@dataclasses.dataclass
class Point:
    x: int
    y: int


class Base(DeclarativeBase):
    pass


class Vertex(Base):
    __tablename__ = "vertices"

    id: Mapped[int] = mapped_column(primary_key=True)

    start: Mapped[Point] = composite(mapped_column("x1"), mapped_column("y1"))
    end: Mapped[Point] = composite(mapped_column("x2"), mapped_column("y2"))

    def __repr__(self):
        return f"Vertex(start={self.start}, end={self.end})"


class Size:
    def __init__(self, w, h):
        self.w = w
        self.h = h

    def __composite_values__(self):
        return self.w, self.h

    def __repr__(self):
        return f"Size({self.w}x{self.h})"

    def __eq__(self, other):
        return isinstance(other, Size) and (self.w, self.h) == (other.w, other.h)


class Box(Base):
    __tablename__ = "box"
    id: Mapped[int] = mapped_column(primary_key=True)
    size: Mapped[Size] = composite(Size, mapped_column("width", Integer), mapped_column("height", Integer))


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)

with Session(engine) as session:
    v = Vertex(start=Point(3, 4), end=Point(5, 6))
    session.add(v)
    session.add(Box(size=Size(2, 3)))
    session.commit()

    print(session.execute(select(Vertex.x1, Vertex.y2)).all())
    print(v)
    v.end = Point(x=10, y=12)
    session.commit()

    print(select(Vertex).where(Vertex.start == Point(3, 4)))
    v2 = session.scalars(select(Vertex).where(Vertex.start == Point(3, 4))).one()
    print(v2, v2 is v)
    print(session.scalars(select(Vertex).where(Vertex.end != Point(10, 12))).all())
    b = session.scalars(select(Box)).one()
    print(b.size, b.width, b.size == Size(2, 3))
    b.size = Size(4, 5)
    session.commit()
    print(session.scalars(select(Box.height)).all())
