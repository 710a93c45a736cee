# Cascades: the default "save-update, merge" cascade brings related objects into the session on
# add(). Since SQLAlchemy 2.0 there is no cascade along a backref: `b.user = u` appends b to
# u.addresses but does NOT put b into the session, so the commit warns (SAWarning on stderr) and
# skips it. expunge() cascades too.
from typing import List, Optional
from sqlalchemy import ForeignKey, String, create_engine, select
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
        return f"User(id={self.id!r}, name={self.name!r}, fullname={self.fullname!r})"


class Address(Base):
    __tablename__ = "address"

    id: Mapped[int] = mapped_column(primary_key=True)
    email_address: Mapped[str]
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped[Optional["User"]] = relationship(back_populates="addresses")

    def __repr__(self) -> str:
        return f"Address(id={self.id!r}, email_address={self.email_address!r})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

session = Session(engine)
u = User(name="squidward")
a = Address(email_address="squidward@sqlalchemy.org")
u.addresses.append(a)
session.add(u)
print(u in session, a in session)
print(session.new)

b = Address(email_address="squid@krusty.com")
b.user = u
print(b in session, u.addresses)

session.commit()
print(session.scalars(select(Address).order_by(Address.id)).all())

print(User.addresses.property.cascade)
session.expunge(u)
print(u in session, a in session, b in session)
