# Session state management: expunge() detaches an object (and a pending one becomes transient
# again), refresh() re-SELECTs a row, expire() defers the reload to the next access, and an
# expunged object can come back with add() or be copied in with merge().
from sqlalchemy import String, create_engine, inspect, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, Session


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))

    def __repr__(self):
        return f"User(id={self.id!r}, name={self.name!r})"


def states(obj):
    i = inspect(obj)
    return [s for s in ("transient", "pending", "persistent", "deleted", "detached") if getattr(i, s)]


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)

with Session(engine) as session:
    patrick = User(name="patrick")
    session.add(patrick)
    print(states(patrick), patrick in session)
    session.expunge(patrick)
    print(states(patrick), patrick in session, session.new)
    session.add(patrick)
    session.commit()
    print(states(patrick))

    print(patrick.name)
    session.execute(text("UPDATE user_account SET name='Patrick Star' WHERE id=1"))
    print(patrick.name)
    session.refresh(patrick)
    print(patrick.name)

    session.expire(patrick)
    print(inspect(patrick).expired_attributes == {"id", "name"})
    session.expunge(patrick)
    print(states(patrick), len(session.identity_map))

    again = session.get(User, 1)
    print(again is patrick, again)
    merged = session.merge(patrick)
    print(merged is again, states(patrick))
    session.rollback()
