# from https://docs.sqlalchemy.org/en/20/orm/session_transaction.html#using-savepoint
# A nested transaction's SAVEPOINT runs with the first SQL inside it: one that ran nothing
# emits neither RELEASE nor ROLLBACK TO, and savepoint numbers count only those emitted.
from sqlalchemy import create_engine, select, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, Session


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))

    def __repr__(self):
        return f"User(id={self.id!r}, name={self.name!r})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
engine.echo = True

with Session(engine) as session:
    print("-- a savepoint with nothing flushed in it")
    nested = session.begin_nested()
    session.add(User(name="u1"))
    nested.rollback()
    print(session.in_transaction(), session.in_nested_transaction(), list(session.new))

    print("-- a savepoint whose commit flushes")
    nested = session.begin_nested()
    session.add(User(name="u2"))
    nested.commit()

    print("-- an empty savepoint committed")
    nested = session.begin_nested()
    nested.commit()

    print("-- a query inside a savepoint")
    with session.begin_nested() as sp:
        print(session.scalars(select(User)).all())
        sp.rollback()

    print("-- nested savepoints, the inner one rolled back")
    outer = session.begin_nested()
    inner = session.begin_nested()
    session.add(User(name="u3"))
    session.flush()
    inner.rollback()
    outer.commit()

    print("-- pending objects are flushed before the savepoint")
    session.add(User(name="u4"))
    nested = session.begin_nested()
    nested.rollback()
    session.commit()
    print(session.scalars(select(User.name).order_by(User.id)).all())

with Session(engine) as session:
    print("-- a fresh session: no BEGIN for an empty savepoint")
    session.begin_nested().commit()
    print(session.in_transaction())
    session.commit()
