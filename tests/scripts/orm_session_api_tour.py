# A tour of session and result APIs a tutorial touches after the basics: mappings(), partitions()
# with yield_per, session.get() with options, delete-orphan by pop(), a Row of two entities,
# scalar_one_or_none(), unique(), refresh() of one attribute, expunge() + make_transient(),
# and merge() of a detached copy.
from sqlalchemy import ForeignKey, String, create_engine, select, func
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, selectinload, make_transient


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    addresses: Mapped[list["Address"]] = relationship(back_populates="user", cascade="all, delete-orphan")

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
with Session(engine) as s:
    s.add_all([User(name=n, addresses=[Address(email=f"{n}{i}@x") for i in range(2)]) for n in "abc"])
    s.commit()
    r = s.execute(select(User.name, func.count(Address.id).label("n")).join(User.addresses).group_by(User.name))
    for m in r.mappings():
        print(dict(m))
    for part in s.scalars(select(Address).order_by(Address.id).execution_options(yield_per=2)).partitions():
        print(part)
    u = s.get(User, 1, options=[selectinload(User.addresses)])
    print(u, u.addresses)
    u.addresses.pop(0)
    s.flush()
    print(s.scalars(select(Address.email)).all())
    row = s.execute(select(User, Address).join(User.addresses).where(Address.email == "b1@x")).one()
    print(row.User, row.Address, row._mapping["User"])
    print(s.execute(select(User).where(User.name == "zz")).scalar_one_or_none())
    print(s.scalars(select(User).join(User.addresses).order_by(User.id)).unique().all())
    s.refresh(u, ["name"])
    s.expunge(u)
    make_transient(u)
    print(u.id, u.name)
    merged = s.merge(User(id=2, name="B"))
    print(merged, s.dirty)
    s.commit()
