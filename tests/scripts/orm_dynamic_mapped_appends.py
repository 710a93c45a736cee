# DynamicMapped (the legacy lazy="dynamic" loader, 2.0 annotation): the attribute is an
# AppenderQuery; append() / extend() / remove() on a persistent parent emit no SELECT of the
# collection (the flush writes them), and the query filters, counts and orders the rows
# (expire_on_commit=False: the objects never need refreshing).
from sqlalchemy import create_engine, ForeignKey, String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session, DynamicMapped


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    addresses: DynamicMapped["Address"] = relationship(back_populates="user", order_by="Address.email")


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped["User"] = relationship(back_populates="addresses")


print(DynamicMapped)
engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine, expire_on_commit=False) as s:
    u = User(name="ed")
    s.add(u)
    s.commit()
    engine.echo = True
    u.addresses.append(Address(email="b@x"))
    u.addresses.extend([Address(email="a@x"), Address(email="c@x")])
    print("appended")
    s.commit()
    print(u.addresses.count())
    a = u.addresses.filter_by(email="a@x").one()
    print(a.email, a.user.name)
    u.addresses.remove(a)
    print("removed", a.user)
    s.flush()
    print([x.email for x in u.addresses])
    print(u.addresses[0].email)
    print(s.scalar(select(Address.user_id).where(Address.email == "a@x")))
    s.commit()
