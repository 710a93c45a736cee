# A 2.0-style mapped class with no primary key column: ArgumentError at class creation.
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class LogEntry(Base):
    __tablename__ = "log"

    message: Mapped[str]
    level: Mapped[int] = mapped_column(default=0)
