# from https://docs.sqlalchemy.org/en/20/orm/events.html#attribute-events and https://docs.sqlalchemy.org/en/20/orm/mapped_attributes.html#simple-validators
from sqlalchemy import create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, validates


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    email: Mapped[str]
    login_count: Mapped[int] = mapped_column(default=0)

    @validates("email")
    def validate_email(self, key, address):
        if "@" not in address:
            raise ValueError("failed simple email validation")
        return address

    def __repr__(self):
        return f"User({self.name!r}, {self.email!r}, logins={self.login_count})"


@event.listens_for(User.name, "set")
def name_changed(target, value, oldvalue, initiator):
    print(f"name: {oldvalue!r} -> {value!r}")


@event.listens_for(User.email, "set", retval=True)
def normalize_email(target, value, oldvalue, initiator):
    return value.strip().lower()


def count_login(target, value, oldvalue, initiator):
    print(f"login_count set to {value}")


event.listen(User.login_count, "set", count_login)

engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)

u = User(name="spongebob", email="  SpongeBob@Bikini.Bottom ")
print(u)
try:
    u.email = "not-an-email"
except ValueError as e:
    print(e)
u.name = "SpongeBob"

with Session(engine) as session:
    session.add(u)
    session.commit()
    u.login_count = u.login_count + 1
    u.name = "Sponge"
    session.commit()
    session.expire(u)
    u.name = "Bob"
    session.commit()
    print(session.scalars(select(User)).one())
