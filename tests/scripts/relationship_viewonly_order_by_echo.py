# from https://docs.sqlalchemy.org/en/20/orm/relationship_api.html (viewonly, order_by) and https://docs.sqlalchemy.org/en/20/orm/join_conditions.html#writing-relationships-with-viewonly
from typing import List

from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    addresses: Mapped[List["Address"]] = relationship(back_populates="user", cascade="all, delete-orphan")
    addresses_by_email: Mapped[List["Address"]] = relationship(viewonly=True, order_by="Address.email")
    newest_first: Mapped[List["Address"]] = relationship(
        viewonly=True, order_by=lambda: [Address.id.desc()], lazy="selectin"
    )

    def __repr__(self):
        return f"User({self.name!r})"


class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped[User] = relationship(back_populates="addresses")

    def __repr__(self):
        return f"Address({self.email!r})"


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)

with Session(engine) as session:
    u = User(name="jack", addresses=[Address(email="zed@x.org"), Address(email="amy@x.org")])
    session.add(u)
    session.commit()
    print(u.addresses_by_email)
    print(u.newest_first)

    # changes to a viewonly collection are not persisted
    u.addresses_by_email.append(Address(email="new@x.org"))
    print(session.new, session.dirty)
    session.commit()
    print(u.addresses_by_email, u.addresses)

    u.addresses.append(Address(email="bob@x.org"))
    session.commit()
    print(u.addresses_by_email)

with Session(engine) as session:
    users = session.scalars(select(User)).all()
    print(users[0].newest_first)
    session.delete(users[0])
    session.commit()
    print(session.scalars(select(Address)).all())
