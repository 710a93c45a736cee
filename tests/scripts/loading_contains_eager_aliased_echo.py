# ORM Querying Guide, "Relationship Loading Techniques": contains_eager() along
# Parent.rel.of_type(alias), reading the related objects from an aliased (outer) join, in 2.0
# style and with the legacy Query.
from typing import List
from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session, aliased, contains_eager
class Base(DeclarativeBase): pass
class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    addresses: Mapped[List["Address"]] = relationship(back_populates="user")
class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped["User"] = relationship(back_populates="addresses")
engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all([User(name="ed", addresses=[Address(email="ed@a"), Address(email="ed@b")]), User(name="jo")]); s.commit()
engine.echo = True
s = Session(engine)
adalias = aliased(Address)
stmt = (select(User).outerjoin(User.addresses.of_type(adalias))
        .options(contains_eager(User.addresses.of_type(adalias))).order_by(User.id, adalias.id))
for u in s.scalars(stmt).unique():
    print(u.name, [a.email for a in u.addresses])
s.close()
ua = aliased(User, name="owner")
for a in s.query(Address).join(Address.user.of_type(ua)).options(contains_eager(Address.user.of_type(ua))).filter(ua.name == "ed"):
    print(a.email, a.user.name)
