# EXISTS among other criteria is parenthesized, as SQLAlchemy prints it: any() with another
# filter, inside or_(), negated, exists().where() in and_(), and has() of an any().
from sqlalchemy import ForeignKey, String, select, exists, and_, or_, not_
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
class Base(DeclarativeBase): pass
class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    addresses: Mapped[list["Address"]] = relationship(back_populates="user")
class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped[User] = relationship(back_populates="addresses")
print(select(User).where(User.addresses.any(), User.name == "x"))
print(select(User).where(User.name == "x", User.addresses.any(Address.email == "e")))
print(select(User).where(or_(User.addresses.any(), User.name == "x")))
print(select(User).where(~User.addresses.any()))
print(select(User).where(and_(exists().where(Address.user_id == User.id), User.id > 1)))
print(select(Address).where(Address.user.has(User.addresses.any(Address.email == "q"))))
