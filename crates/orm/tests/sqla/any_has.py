# Golden SQL for relationship any()/has() and Session.execute(text(...)) / Core statements
# (crates/orm/src/query/any_tests.rs). Run: python any_has.py (SQLAlchemy 2.1.9, CPython 3.11).
from sqlalchemy import create_engine, ForeignKey, String, select, text, insert, update
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session, with_parent

class Base(DeclarativeBase): pass

class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    fullname: Mapped[str | None]
    addresses = relationship("Address", back_populates="user")

class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user = relationship("User", back_populates="addresses")

print(str(select(User).where(User.addresses.any(Address.email == "e@x"))))
print(str(select(User).where(User.addresses.any())))
print(str(select(Address).where(Address.user.has(User.name == "ed"))))
engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
engine.echo = True
with Session(engine) as s:
    s.add(User(name="ed"))
    print(s.execute(text("SELECT name FROM users WHERE id = :id"), {"id": 1}).all())
    s.execute(update(User.__table__).where(User.__table__.c.id == 1).values(name="edward"))
    print(s.scalars(select(User).where(User.addresses.any(Address.email == "e@x"))).all())
    s.commit()
print("### relationship comparisons")
engine.echo = False
with Session(engine) as s:
    u = User(id=7, name="ed"); s.add(u); s.flush()
    print(repr(str(select(Address).where(Address.user == u))))
    print(select(Address).where(Address.user == u).compile().params)
    print(repr(str(select(Address).where(Address.user == None))))
    print(repr(str(select(Address).where(Address.user != u))))
    print(repr(str(select(Address).where(with_parent(u, User.addresses)))))
print("### end")
