# from https://docs.sqlalchemy.org/en/20/orm/queryguide/select.html#selecting-entities-and-attributes-together
# Bundle: columns selected together and returned as one nested row.
from sqlalchemy import create_engine, select, ForeignKey, String
from sqlalchemy.orm import Bundle, DeclarativeBase, Mapped, mapped_column, Session


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    fullname: Mapped[str]


class Address(Base):
    __tablename__ = "address"
    id: Mapped[int] = mapped_column(primary_key=True)
    email_address: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

with Session(engine) as session:
    session.add_all(
        [
            User(id=1, name="spongebob", fullname="Spongebob Squarepants"),
            User(id=2, name="sandy", fullname="Sandy Cheeks"),
            Address(email_address="spongebob@sqlalchemy.org", user_id=1),
            Address(email_address="sandy@sqlalchemy.org", user_id=2),
        ]
    )
    session.commit()
    engine.echo = True

    stmt = select(
        Bundle("user", User.name, User.fullname),
        Bundle("email", Address.email_address),
    ).join_from(User, Address).order_by(User.id)
    for row in session.execute(stmt):
        print(f"{row.user.name} {row.user.fullname} {row.email.email_address}")

    result = session.execute(select(Bundle("user", User.name, User.fullname), User.id).order_by(User.id))
    print(result.keys())
    row = result.first()
    print(row, row.user, row._fields, row.user._fields, row.id)
    print(session.scalars(select(Bundle("user", User.name, User.fullname)).order_by(User.name)).all())
