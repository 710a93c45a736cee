# Blog-post style tour of the ORM querying guide: group_concat, with_only_columns, nulls_last,
# tuple_().in_(), union_all, aliased(name=), literal_column, from_statement(text()),
# Result.partitions(), any(), having(func.count()), ilike.
from sqlalchemy import create_engine, select, String, ForeignKey, func, text, literal_column, union_all, and_, or_, desc, nulls_last, tuple_
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session, aliased
from typing import Optional
class Base(DeclarativeBase): pass
class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    fullname: Mapped[Optional[str]]
    addresses: Mapped[list["Address"]] = relationship(back_populates="user")
    def __repr__(self): return f"User(id={self.id!r}, name={self.name!r})"
class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email_address: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped[User] = relationship(back_populates="addresses")
    def __repr__(self): return f"Address(id={self.id!r}, email_address={self.email_address!r})"
e = create_engine("sqlite://")
Base.metadata.create_all(e)
s = Session(e)
s.add_all([User(name="spongebob", fullname="Spongebob Squarepants", addresses=[Address(email_address="spongebob@sqlalchemy.org")]),
           User(name="sandy", fullname="Sandy Cheeks", addresses=[Address(email_address="sandy@sqlalchemy.org"), Address(email_address="sandy@squirrelpower.org")]),
           User(name="patrick", fullname=None)])
s.commit()
