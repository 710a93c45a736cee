# column_property() expressions travel with every way of loading their objects, as in
# SQLAlchemy: a selectinload() / joinedload() of a many-to-one or a collection, a
# many-to-many selectin load, and plain lazy loads all select the expressions (labelled
# length_1, upper_1, anon_1 ...) with the columns, so reading them later emits no SQL.
from sqlalchemy import create_engine, ForeignKey, select, func, Table, Column
from sqlalchemy.orm import (
    DeclarativeBase, Mapped, mapped_column, relationship, Session, column_property,
    selectinload, joinedload,
)


class Base(DeclarativeBase):
    pass


user_tag = Table(
    "user_tag",
    Base.metadata,
    Column("user_id", ForeignKey("user_account.id"), primary_key=True),
    Column("tag_id", ForeignKey("tag.id"), primary_key=True),
)


class Tag(Base):
    __tablename__ = "tag"
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column()
    shout: Mapped[str] = column_property(func.upper(label))


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column()
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    email_length: Mapped[int] = column_property(func.length(email))
    user: Mapped["User"] = relationship(back_populates="addresses")


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    first: Mapped[str] = mapped_column()
    last: Mapped[str] = mapped_column()
    full_name: Mapped[str] = column_property(first + " " + last)
    addresses: Mapped[list[Address]] = relationship(order_by=Address.id, back_populates="user")
    tags: Mapped[list[Tag]] = relationship(secondary=user_tag, order_by=Tag.id)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all([
        User(first="Ed", last="Jones", addresses=[Address(email="ed@x.org"), Address(email="e@y.com")],
             tags=[Tag(label="red"), Tag(label="blue")]),
        User(first="Jo", last="Smith", tags=[Tag(label="green")]),
    ])
    s.commit()
engine.echo = True
print("-- selectinload(Address.user)")
with Session(engine) as s:
    for a in s.scalars(select(Address).options(selectinload(Address.user))):
        print(a.email, a.email_length, a.user.full_name)
print("-- joinedload(Address.user)")
with Session(engine) as s:
    for a in s.scalars(select(Address).options(joinedload(Address.user))):
        print(a.email, a.user.full_name)
print("-- selectinload(User.addresses)")
with Session(engine) as s:
    for u in s.scalars(select(User).options(selectinload(User.addresses))):
        print(u.full_name, [(x.email, x.email_length) for x in u.addresses])
print("-- selectinload(User.tags)")
with Session(engine) as s:
    for u in s.scalars(select(User).options(selectinload(User.tags))):
        print(u.full_name, [(t.label, t.shout) for t in u.tags])
print("-- joinedload of both collections")
with Session(engine) as s:
    stmt = select(User).options(joinedload(User.addresses), joinedload(User.tags)).order_by(User.id)
    for u in s.scalars(stmt).unique():
        print(u.full_name, [x.email_length for x in u.addresses], [t.shout for t in u.tags])
print("-- lazy loads")
with Session(engine) as s:
    u = s.get(User, 1)
    print([(x.email, x.email_length) for x in u.addresses])
    print([t.shout for t in u.tags])
    a = s.get(Address, 2)
    print(a.user.full_name)
