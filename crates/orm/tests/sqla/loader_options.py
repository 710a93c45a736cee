# Golden SQL for loader options (crates/orm/src/query/options.rs, loading.rs): selectinload
# chained, joinedload of a collection (and the unique() rule), lazyload / raiseload overriding
# lazy="joined", contains_eager, and lazy="raise_on_sql".
# Run: python loader_options.py (SQLAlchemy 2.1.9, CPython 3.11).
from sqlalchemy import create_engine, ForeignKey, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session
from sqlalchemy.orm import selectinload, joinedload, lazyload, raiseload, contains_eager

class Base(DeclarativeBase): pass

class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    addresses = relationship("Address", back_populates="user", order_by="Address.id")

class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user = relationship("User", back_populates="addresses", lazy="joined")
    tags = relationship("Tag", back_populates="address")

class Tag(Base):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(primary_key=True)
    word: Mapped[str]
    address_id: Mapped[int] = mapped_column(ForeignKey("addresses.id"))
    address = relationship("Address", back_populates="tags", lazy="raise_on_sql")

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all([User(id=1, name="a"), User(id=2, name="b"), User(id=3, name="c"),
               Address(id=1, email="a1", user_id=1), Address(id=2, email="a2", user_id=1),
               Address(id=3, email="b1", user_id=2),
               Tag(id=1, word="x", address_id=1), Tag(id=2, word="y", address_id=3)])
    s.commit()
engine.echo = True
print("### selectinload chained")
with Session(engine) as s:
    users = s.scalars(select(User).options(
        selectinload(User.addresses).selectinload(Address.tags)).order_by(User.id)).all()
    print([(u.name, [(a.email, [t.word for t in a.tags]) for a in u.addresses]) for u in users])
print("### joinedload collection")
with Session(engine) as s:
    stmt = select(User).options(joinedload(User.addresses)).order_by(User.id)
    try:
        s.scalars(stmt).all()
    except Exception as e:
        print(type(e).__name__, e)
    users = s.scalars(stmt).unique().all()
    print([(u.name, [a.email for a in u.addresses]) for u in users])
print("### legacy query joinedload")
with Session(engine) as s:
    users = s.query(User).options(joinedload(User.addresses, innerjoin=True)).all()
    print([(u.name, [a.email for a in u.addresses]) for u in users])
print("### lazyload and raiseload override lazy=joined")
with Session(engine) as s:
    print([a.email for a in s.scalars(select(Address).options(lazyload(Address.user)).order_by(Address.id))])
    print([a.email for a in s.scalars(select(Address).options(raiseload(Address.user)).order_by(Address.id))])
print("### contains_eager")
with Session(engine) as s:
    stmt = (select(Address).join(Address.user).where(User.name == "a")
            .options(contains_eager(Address.user)).order_by(Address.id))
    print([(a.email, a.user.name) for a in s.scalars(stmt)])
print("### raise_on_sql")
with Session(engine) as s:
    addresses = s.scalars(select(Address).order_by(Address.id)).all()
    tags = s.scalars(select(Tag).order_by(Tag.id)).all()
    print([t.address.email for t in tags])
    s.expunge_all()
    t = s.scalars(select(Tag).order_by(Tag.id)).first()
    try:
        t.address
    except Exception as e:
        print(type(e).__name__, e)
print("### legacy first() with a joined collection wraps the limit in a subquery")
with Session(engine) as s:
    u = s.query(User).options(joinedload(User.addresses)).order_by(User.name).first()
    print(u.name, [a.email for a in u.addresses])
print("### wildcard yields to an option naming the relationship")
print(select(Address).options(lazyload("*")))
print(select(Address).options(joinedload(Address.user, innerjoin=True), lazyload("*")))
