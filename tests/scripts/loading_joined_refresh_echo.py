# from https://docs.sqlalchemy.org/en/20/orm/queryguide/relationships.html#joined-eager-loading
# A lazy="joined" relationship is part of every load of the whole object: session.get(),
# session.refresh() and the load of an expired object (each its own cached statement);
# expiring single attributes loads only those.
from sqlalchemy import create_engine, select, ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session
from typing import Optional


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    profile: Mapped[Optional["Profile"]] = relationship(lazy="joined", back_populates="user")


class Profile(Base):
    __tablename__ = "profile"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    bio: Mapped[str]
    user: Mapped[User] = relationship(back_populates="profile")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

with Session(engine) as session:
    session.add_all([User(name="spongebob", profile=Profile(bio="lives in a pineapple")), User(name="sandy")])
    session.commit()
    engine.echo = True

    print("-- get")
    u1 = session.get(User, 1)
    print(u1.profile.bio)
    print("-- refresh")
    session.refresh(u1)
    u2 = session.get(User, 2)
    session.refresh(u2)
    print(u2.profile)
    print("-- expired objects")
    session.expire_all()
    print(u1.name, u1.profile.bio)
    print(u2.name, u2.profile)
    print("-- single attributes")
    session.expire(u1, ["name"])
    print(u1.name)
    session.expire(u1, ["profile"])
    print(u1.profile.bio)
