# Blog-post style: MappedAsDataclass with init=False keys, a Python Enum column, __table_args__ with
# UniqueConstraint, CheckConstraint and Index (echo=True shows the DDL), dataclass repr and ==.
import enum
from dataclasses import dataclass, field, asdict
from typing import Optional
from sqlalchemy import create_engine, String, Enum, select, UniqueConstraint, Index, CheckConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, Session, MappedAsDataclass


class Status(enum.Enum):
    ACTIVE = "active"
    BANNED = "banned"


class Base(MappedAsDataclass, DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "account"
    __table_args__ = (UniqueConstraint("email"), CheckConstraint("length(handle) > 2", name="handle_len"), Index("ix_handle", "handle"))
    id: Mapped[int] = mapped_column(init=False, primary_key=True)
    handle: Mapped[str] = mapped_column(String(30))
    email: Mapped[str]
    status: Mapped[Status] = mapped_column(default=Status.ACTIVE)
    bio: Mapped[Optional[str]] = mapped_column(default=None)


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
with Session(engine) as s:
    a = Account("neo", "neo@matrix.io")
    b = Account(handle="trinity", email="t@matrix.io", bio="hacker")
    print(a)
    s.add_all([a, b])
    s.commit()
    b.status = Status.BANNED
    s.commit()
    print(s.scalars(select(Account).where(Account.status == Status.BANNED)).all())
    print(a == Account("neo", "neo@matrix.io"), a.status, a.status.value)
    try:
        s.add(Account("no", "x@y.z"))
        s.commit()
    except Exception as e:
        print(type(e).__name__, str(e).splitlines()[0])
