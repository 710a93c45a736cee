# Golden SQL for crates/orm/src/query tests. Run: python query.py (SQLAlchemy 2.1.9, CPython 3.11).
from sqlalchemy import create_engine, ForeignKey, String, select, func, and_, or_
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session, aliased
from sqlalchemy.exc import NoResultFound, MultipleResultsFound

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

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
engine.echo = True
print("### str")
print(repr(str(select(User).where(User.name == "ed").order_by(User.id.desc()).limit(2))))
print(repr(str(select(User.name, func.count(Address.id)).join(User.addresses).group_by(User.name).having(func.count(Address.id) > 1))))
with Session(engine) as s:
    print("### add + scalars (autoflush)")
    s.add_all([User(name="ed", fullname="Ed Jones"), User(name="wendy", fullname="Wendy W"), User(name="mary")])
    ed = s.scalars(select(User).where(User.name == "ed")).one()
    print("### same object", ed is s.scalars(select(User).filter_by(name="ed")).first())
    ed.fullname = "changed"
    print("### populate_existing off keeps", s.scalars(select(User).where(User.id == 1).execution_options(autoflush=False)).one().fullname)
    s.add(Address(email="e@x", user=ed))
    s.add(Address(email="e2@x", user=ed))
    print("### join by relationship")
    rows = s.execute(select(User, Address).join(User.addresses).order_by(Address.id)).all()
    print([(u.name, a.email) for u, a in rows])
    print("### columns, group_by, having")
    print(s.execute(select(User.name, func.count(Address.id).label("n")).join(Address, User.id == Address.user_id).group_by(User.name).having(func.count(Address.id) > 1)).all())
    print("### one errors")
    try: s.scalars(select(User).where(User.name == "nobody")).one()
    except NoResultFound as e: print(type(e).__name__, e)
    try: s.scalars(select(User)).one()
    except MultipleResultsFound as e: print(type(e).__name__, e)
    print("### one_or_none / scalar / offset")
    print(s.scalars(select(User).where(User.name == "nobody")).one_or_none())
    print(s.scalar(select(func.count()).select_from(User)))
    print([u.name for u in s.scalars(select(User).order_by(User.name).limit(2).offset(1))])
    print("### legacy query")
    print([u.name for u in s.query(User).filter(User.name.like("%e%")).order_by(User.id).all()])
    print(s.query(User).filter_by(name="wendy").first().name)
    print(s.query(User).count())
    print(s.query(User.name).filter(User.id > 1).all())
    print("### populate_existing")
    s.commit()
    print(s.get(User, 1).fullname)
    s.get(User, 1).fullname = "local"
    s.execute(select(User).where(User.id == 1).execution_options(populate_existing=True, autoflush=False)).scalars().one()
    print(s.get(User, 1).fullname)
    print("### aliased")
    ua = aliased(User)
    print([u.name for u in s.scalars(select(ua).where(ua.name == "mary"))])
    print("### end")
