# The top-level SQL element functions tutorials import from sqlalchemy: case(), cast(), asc(),
# desc(), nullsfirst()/nullslast(), distinct(), null(), true()/false(), between(), collate(),
# printed as SQL and run against SQLite through the ORM.
from sqlalchemy import (
    Float, Integer, String, asc, between, case, cast, collate, create_engine, desc, distinct,
    false, func, null, nullsfirst, nullslast, select, true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Score(Base):
    __tablename__ = "score"
    id: Mapped[int] = mapped_column(primary_key=True)
    player: Mapped[str] = mapped_column(String(20))
    points: Mapped[int | None]
    level: Mapped[str | None] = mapped_column(String(10))

    def __repr__(self):
        return f"Score({self.player!r}, {self.points})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

with Session(engine) as session:
    session.add_all([
        Score(player="ann", points=120, level="gold"),
        Score(player="Bob", points=None, level=None),
        Score(player="cid", points=45, level="bronze"),
        Score(player="ann", points=80, level="silver"),
        Score(player="Dee", points=95, level="SILVER"),
    ])
    session.commit()

    grade = case(
        (Score.points >= 100, "A"),
        (Score.points.between(50, 99), "B"),
        else_="C",
    )
    stmt = select(Score.player, grade.label("grade")).order_by(Score.id)
    print(stmt)
    print(session.execute(stmt).all())

    ranks = case({"gold": 1, "silver": 2}, value=Score.level, else_=9)
    stmt = select(Score.player, ranks).order_by(desc(Score.points), Score.id)
    print(stmt)
    print(session.execute(stmt).all())

    stmt = select(Score.player, cast(Score.points, Float) + 0.5, cast(Score.points, String)).where(Score.points.is_not(None)).order_by(asc(Score.player))
    print(stmt)
    print(session.execute(stmt).all())

    stmt = select(Score).order_by(nullsfirst(Score.points.desc()))
    print(stmt)
    print(session.scalars(stmt).all())
    print(session.scalars(select(Score).order_by(nullslast(asc(Score.points)))).all())
    print(session.scalars(select(Score).order_by(Score.points.nulls_first())).all())

    print(select(func.count(distinct(Score.player))))
    print(session.scalar(select(func.count(distinct(Score.player)))))
    print(session.scalars(select(Score.player).where(between(Score.points, 40, 100)).order_by(Score.player)).all())
    print(session.scalars(select(Score.player).where(Score.level.collate("NOCASE") == "silver").order_by(Score.id)).all())
    print(session.scalars(select(Score.player).order_by(collate(Score.player, "NOCASE"), Score.id)).all())
    print(session.execute(select(Score.player).where(Score.level == null())).all())
    print(select(Score.id).where(true()), select(Score.id).where(false()))
    print(session.scalars(select(Score.id).where(true()).order_by(Score.id)).all())
