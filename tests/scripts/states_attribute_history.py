# inspect(obj).attrs: attribute values, loaded_value and history (added / unchanged / deleted)
# before and after changes, flush and commit; inspect(obj).unloaded and modified.
from typing import List, Optional
from sqlalchemy import ForeignKey, String, create_engine, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    fullname: Mapped[Optional[str]]
    addresses: Mapped[List["Address"]] = relationship(back_populates="user")

    def __repr__(self) -> str:
        return f"User(id={self.id!r}, name={self.name!r})"


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email_address: Mapped[str]
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped[Optional[User]] = relationship(back_populates="addresses")

    def __repr__(self) -> str:
        return f"Address({self.email_address!r})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
session = Session(engine)

u = User(name="sandy")
insp = inspect(u)
print(list(insp.attrs.keys()))
print(insp.attrs.name.value, insp.attrs.name.history)
print(insp.attrs.fullname.history)
print(sorted(insp.unloaded))

session.add(u)
session.commit()
print(insp.attrs.name.history)
print(insp.attrs.name.loaded_value)
print(u.name, insp.attrs.name.history)

u.name = "sandy cheeks"
h = insp.attrs.name.history
print(h)
print(h.added, h.unchanged, h.deleted, h.has_changes())
print(insp.modified)

a = Address(email_address="sandy@example.com")
u.addresses.append(a)
print(insp.attrs.addresses.history)
print(inspect(a).attrs.user.history)
session.flush()
print(insp.attrs.name.history, insp.attrs.addresses.history)
session.commit()
print(insp.modified, insp.attrs.name.loaded_value)
