# Unified Tutorial, "Subqueries and CTEs" / "ORM Entity Subqueries": a subquery of addresses joined
# to users, aliased(Address, subq) to get ORM objects from it, a scalar subquery in the columns
# clause, a CTE, and aliased() entities for a self-join.
from sqlalchemy import ForeignKey, String, create_engine, func, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, aliased, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    addresses: Mapped[list["Address"]] = relationship(back_populates="user")

    def __repr__(self):
        return f"User(id={self.id}, name={self.name!r})"


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email_address: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    user: Mapped[User] = relationship(back_populates="addresses")

    def __repr__(self):
        return f"Address(id={self.id}, email_address={self.email_address!r})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

with Session(engine) as session:
    session.add_all([
        User(name="spongebob", addresses=[Address(email_address="spongebob@sqlalchemy.org")]),
        User(name="sandy", addresses=[Address(email_address="sandy@sqlalchemy.org"),
                                      Address(email_address="sandy@squirrelpower.org")]),
        User(name="patrick", addresses=[]),
        User(name="squidward", addresses=[Address(email_address="squidward@gmail.com")]),
    ])
    session.commit()

    subq = select(Address).where(~Address.email_address.like("%@sqlalchemy.org")).subquery()
    address_subq = aliased(Address, subq)
    stmt = (
        select(User, address_subq)
        .join_from(User, address_subq)
        .order_by(User.id, address_subq.id)
    )
    print(stmt)
    for user, address in session.execute(stmt):
        print(f"{user} {address}")

    count_subq = (
        select(func.count(Address.id))
        .where(Address.user_id == User.id)
        .scalar_subquery()
    )
    stmt = select(User.name, count_subq.label("n")).order_by(User.id)
    print(session.execute(stmt).all())

    subq = (
        select(Address.user_id, func.count(Address.id).label("count"))
        .group_by(Address.user_id)
        .subquery()
    )
    stmt = select(User.name, subq.c.count).join_from(User, subq, User.id == subq.c.user_id).order_by(User.name)
    print(stmt)
    print(session.execute(stmt).all())

    cte = select(Address.user_id).where(Address.email_address.contains("sandy")).cte("sandy_ids")
    stmt = select(User).where(User.id.in_(select(cte.c.user_id)))
    print(session.scalars(stmt).all())

    a1 = aliased(Address)
    a2 = aliased(Address)
    stmt = (
        select(User)
        .join(User.addresses.of_type(a1))
        .join(User.addresses.of_type(a2))
        .where(a1.email_address == "sandy@sqlalchemy.org")
        .where(a2.email_address == "sandy@squirrelpower.org")
    )
    print(stmt)
    print(session.scalars(stmt).all())

    u1 = aliased(User, name="u1")
    u2 = aliased(User, name="u2")
    stmt = select(u1.name, u2.name).join(u2, u1.id < u2.id).where(u1.name.startswith("s")).order_by(u1.id, u2.id)
    for row in session.execute(stmt):
        print(row)

    stmt = select(User).order_by(User.name.desc()).limit(2).offset(1)
    print(session.scalars(stmt).all())
