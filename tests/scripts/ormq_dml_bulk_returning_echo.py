# from https://docs.sqlalchemy.org/en/20/orm/queryguide/dml.html (ORM Bulk INSERT with RETURNING, Bulk UPDATE by Primary Key, UPDATE / DELETE with WHERE and RETURNING)
from typing import Optional

from sqlalchemy import String, create_engine, delete, insert, select, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    fullname: Mapped[Optional[str]]

    def __repr__(self):
        return f"User(id={self.id!r}, name={self.name!r}, fullname={self.fullname!r})"


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)

with Session(engine) as session:
    users = session.scalars(
        insert(User).returning(User),
        [
            {"name": "spongebob", "fullname": "Spongebob Squarepants"},
            {"name": "sandy", "fullname": "Sandy Cheeks"},
            {"name": "patrick", "fullname": "Patrick Star"},
            {"name": "squidward", "fullname": "Squidward Tentacles"},
            {"name": "ehkrabs", "fullname": "Eugene H. Krabs"},
        ],
    ).all()
    print(users)

    session.execute(
        update(User),
        [
            {"id": 1, "fullname": "Spongebob Squarepants"},
            {"id": 3, "fullname": "Patrick Star"},
            {"id": 5, "fullname": "Eugene H. Krabs"},
        ],
    )

    patrick = session.get(User, 3)
    stmt = (
        update(User)
        .where(User.name.in_(["squidward", "sandy"]))
        .values(fullname="Name starts with S")
        .returning(User)
    )
    for user in session.scalars(stmt):
        print(user)

    stmt = update(User).where(User.name == "patrick").values(name=User.name + " star")
    session.execute(stmt)
    print(patrick.name)

    stmt = (
        delete(User)
        .where(User.name.in_(["squidward", "sandy"]))
        .execution_options(synchronize_session="fetch")
    )
    result = session.execute(stmt)
    print(result.rowcount)
    print(session.scalars(select(User.name).order_by(User.id)).all())
    session.commit()
