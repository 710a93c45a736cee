# Benchmark: build 10,000 objects of a small model in a loop, add_all, commit, query them back
# and sum a column. Prints the sum and nothing else, so the
# script is also a golden-style check: expected stdout is "sum of points: 49995000".
from sqlalchemy import create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, Session


class Base(DeclarativeBase):
    pass


class Player(Base):
    __tablename__ = "player"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    points: Mapped[int]


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

with Session(engine) as session:
    players = []
    for i in range(10_000):
        players.append(Player(name=f"player {i}", points=i))
    session.add_all(players)
    session.commit()

with Session(engine) as session:
    total = 0
    for player in session.scalars(select(Player)):
        total += player.points
    print("sum of points:", total)
