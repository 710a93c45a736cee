# SQLAlchemy's Enum type over a Python enum: Mapped[Status] and Column(Enum(Level)) store the
# member names (VARCHAR as long as the longest), read back as the members themselves; a
# where() compares with a member.
import enum
from typing import Optional
from sqlalchemy import Column, Enum, Integer, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Status(enum.Enum):
    active = "A"
    suspended = "S"


class Level(enum.Enum):
    low = 1
    high = 2


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[Status] = mapped_column(default=Status.active)
    level = Column(Enum(Level))
    maybe: Mapped[Optional[Status]]


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
with Session(engine) as s:
    a = Account(level=Level.high)
    b = Account(status=Status.suspended, level=Level.low, maybe=Status.active)
    s.add_all([a, b])
    s.commit()
    print(a.status, a.level, a.maybe, b.status, b.maybe, b.status is Status.suspended)
    print(s.scalars(select(Account).where(Account.status == Status.suspended)).one().id)
    a.status = Status.suspended
    s.commit()
    print([x.status for x in s.scalars(select(Account).order_by(Account.id))])
