# Golden SQL for subquery loads along paths (crates/orm/src/query/subquery_load.rs): a chained
# subqueryload() (its second query joins the first relationship through an alias) and a
# many-to-one's (DISTINCT foreign keys), on the model of loader_options.py.
# Run: python subquery_paths.py (SQLAlchemy 2.1.9, CPython 3.11).
from sqlalchemy import create_engine, ForeignKey, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session
from sqlalchemy.orm import subqueryload

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
print("### subqueryload chained")
with Session(engine) as s:
    users = s.scalars(select(User).options(
        subqueryload(User.addresses).subqueryload(Address.tags)).order_by(User.id)).all()
    print([(u.name, [(a.email, [t.word for t in a.tags]) for a in u.addresses]) for u in users])
print("### subqueryload many-to-one")
with Session(engine) as s:
    tags = s.scalars(select(Tag).options(subqueryload(Tag.address)).order_by(Tag.word.desc())
                     .limit(5)).all()
    print([(t.word, t.address.email) for t in tags])
