# One-to-one with uselist=False (classic style) and the 2.0 typed form (Mapped["Profile"] on
# the parent side infers a scalar). Replacing the child object nulls the old row's foreign key
# or, with delete-orphan, deletes it; echo=True shows the UPDATE/DELETE.
from typing import Optional

from sqlalchemy import Column, ForeignKey, Integer, String, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Person(Base):
    __tablename__ = "person"
    id = Column(Integer, primary_key=True)
    name = Column(String(50))
    passport = relationship("Passport", uselist=False, back_populates="owner")

    def __repr__(self):
        return f"Person({self.name})"


class Passport(Base):
    __tablename__ = "passport"
    id = Column(Integer, primary_key=True)
    number = Column(String(20), unique=True)
    person_id = Column(Integer, ForeignKey("person.id"))
    owner = relationship("Person", back_populates="passport")

    def __repr__(self):
        return f"Passport({self.number})"


class Account(Base):
    __tablename__ = "account"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(30))
    settings: Mapped[Optional["Settings"]] = relationship(
        back_populates="account", cascade="all, delete-orphan"
    )

    def __repr__(self):
        return f"Account({self.username})"


class Settings(Base):
    __tablename__ = "settings"
    id: Mapped[int] = mapped_column(primary_key=True)
    theme: Mapped[str] = mapped_column(default="light")
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id"), unique=True)
    account: Mapped[Account] = relationship(back_populates="settings")

    def __repr__(self):
        return f"Settings(theme={self.theme!r})"


print(Person.passport.property.uselist, Account.settings.property.uselist, Settings.account.property.uselist)

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

with Session(engine) as session:
    ada = Person(name="Ada", passport=Passport(number="X1234"))
    print(ada.passport, ada.passport.owner)
    bob = Person(name="Bob")
    print(bob.passport)
    session.add_all([ada, bob])
    session.commit()

    engine.echo = True
    ada.passport = Passport(number="Y5678")
    session.commit()
    engine.echo = False
    print(session.execute(select(Passport.number, Passport.person_id).order_by(Passport.id)).all())

    acct = Account(username="ada_l", settings=Settings(theme="dark"))
    session.add(acct)
    session.commit()
    print(acct.settings, acct.settings.account)

    engine.echo = True
    acct.settings = Settings()
    try:
        session.commit()
    except Exception as e:
        print(type(e).__name__, e)
        session.rollback()
    print(acct.settings)
    acct.settings = None
    session.flush()
    acct.settings = Settings(theme="solarized")
    session.commit()
    engine.echo = False
    print(acct.settings)
    acct.settings = None
    session.commit()
    print(session.scalars(select(Settings)).all(), acct.settings)
