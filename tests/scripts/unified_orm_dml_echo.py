# Unified Tutorial / ORM Querying Guide, "ORM-Enabled INSERT, UPDATE, and DELETE statements",
# with echo=True: session.execute(insert(User), [dicts]) bulk insert, insert().returning(),
# update(User).where().values() with synchronize_session, delete() and rowcount.
from sqlalchemy import String, create_engine, delete, insert, select, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    fullname: Mapped[str]
    active: Mapped[bool] = mapped_column(default=True)

    def __repr__(self):
        return f"User(id={self.id!r}, name={self.name!r}, fullname={self.fullname!r}, active={self.active})"


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)

with Session(engine) as session:
    session.execute(
        insert(User),
        [
            {"name": "spongebob", "fullname": "Spongebob Squarepants"},
            {"name": "sandy", "fullname": "Sandy Cheeks"},
            {"name": "patrick", "fullname": "Patrick Star"},
        ],
    )
    users = session.scalars(
        insert(User).returning(User),
        [{"name": "squidward", "fullname": "Squidward Tentacles"}, {"name": "ehkrabs", "fullname": "Eugene H. Krabs"}],
    )
    print(users.all())
    session.commit()

    sandy = session.scalars(select(User).where(User.name == "sandy")).one()
    result = session.execute(
        update(User).where(User.name == "sandy").values(fullname="Sandy Squirrel")
    )
    print(result.rowcount, sandy.fullname)
    session.execute(
        update(User).where(User.name.in_(["patrick", "squidward"])).values(active=False),
        execution_options={"synchronize_session": False},
    )
    session.execute(update(User), [{"id": 1, "fullname": "Spongebob S."}, {"id": 3, "fullname": "Pat"}])
    result = session.execute(delete(User).where(User.active == False))
    print("deleted:", result.rowcount)
    session.commit()
    print(session.scalars(select(User).order_by(User.id)).all())
