# Merge along a many-to-one: a new address for a detached user is merged in; load=False of an
# expired object loads it on first access.
from typing import List, Optional
from sqlalchemy import ForeignKey, String, create_engine, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    addresses: Mapped[List["Address"]] = relationship(back_populates="user")

    def __repr__(self):
        return f"User(id={self.id!r}, name={self.name!r})"


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email_address: Mapped[str]
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped[Optional[User]] = relationship(back_populates="addresses")

    def __repr__(self):
        return f"Address(id={self.id!r}, email_address={self.email_address!r})"


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
with Session(engine) as session:
    sandy = User(name="sandy")
    session.add(sandy)
    session.commit()
    print(sorted(inspect(sandy).expired_attributes))

with Session(engine) as session:
    copy = session.merge(sandy, load=False)
    print(inspect(copy).persistent, session.dirty)
    print(copy)

with Session(engine) as session:
    sandy = session.get(User, 1)
    print(sandy.addresses)
    session.expunge(sandy)
    print(inspect(sandy).detached)
    address = Address(email_address="sandy@squirrelpower.org", user=sandy)
    print(inspect(sandy).detached, address in sandy.addresses)
    merged = session.merge(address)
    print(merged is address, merged.user is sandy, merged.user, inspect(merged).pending)
    print(session.new, session.dirty)
    session.commit()
    print(merged.user.addresses)
