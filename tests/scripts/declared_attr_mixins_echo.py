# from https://docs.sqlalchemy.org/en/20/orm/declarative_mixins.html (Composing Mapped Hierarchies with Mixins, declared_attr)
from typing import List, Optional

from sqlalchemy import ForeignKey, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, declared_attr, mapped_column, relationship


class Base(DeclarativeBase):
    @declared_attr.directive
    def __tablename__(cls) -> str:
        return cls.__name__.lower()

    id: Mapped[int] = mapped_column(primary_key=True)


class CommonMixin:
    """define a series of common elements that may be applied to mapped classes"""

    __table_args__ = {"sqlite_autoincrement": False} if False else ()
    created_by: Mapped[Optional[str]] = mapped_column(String(20))


class HasLogRecord:
    """mark classes that have a many-to-one relationship to the ``LogRecord`` class."""

    log_record_id: Mapped[int] = mapped_column(ForeignKey("logrecord.id"))

    @declared_attr
    def log_record(self) -> Mapped["LogRecord"]:
        return relationship("LogRecord")


class LogRecord(CommonMixin, Base):
    message: Mapped[str]

    def __repr__(self):
        return f"LogRecord({self.message!r})"


class MyModel(CommonMixin, HasLogRecord, Base):
    name: Mapped[str]


class Other(HasLogRecord, Base):
    data: Mapped[str]


print(LogRecord.__tablename__, MyModel.__tablename__, Other.__tablename__)
print(list(MyModel.__table__.c.keys()))
print(list(Other.__table__.c.keys()))

engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)

with Session(engine) as session:
    log = LogRecord(message="created", created_by="admin")
    session.add_all([MyModel(name="m1", log_record=log, created_by="ann"), Other(data="o1", log_record=log)])
    session.commit()
    m = session.scalars(select(MyModel)).one()
    print(m.name, m.created_by, m.log_record)
    print(session.scalars(select(Other.data).join(Other.log_record).where(LogRecord.message == "created")).all())
