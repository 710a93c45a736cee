# sqlalchemy.inspect() on classes and the engine: the Mapper's columns, attrs, relationships,
# primary key, and the Inspector's table and column reflection.
from typing import List, Optional
from sqlalchemy import ForeignKey, String, create_engine, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    fullname: Mapped[Optional[str]]
    addresses: Mapped[List["Address"]] = relationship(back_populates="user")


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email_address: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped[User] = relationship(back_populates="addresses")


mapper = inspect(User)
print(mapper)
print(mapper.columns.keys())
print(mapper.attrs.keys())
print(mapper.column_attrs.keys(), mapper.relationships.keys())
print(mapper.primary_key)
print(mapper.relationships.addresses.direction, inspect(Address).relationships.user.direction)
print(mapper.relationships.addresses.mapper, mapper.local_table, mapper.class_)
print(repr(mapper.columns.name))

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
insp = inspect(engine)
print(insp.get_table_names())
for col in insp.get_columns("address"):
    print(col["name"], col["type"], col["nullable"], col["primary_key"])
print(insp.get_foreign_keys("address"))
print(insp.get_pk_constraint("user_account"))
