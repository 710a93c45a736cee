# Session patterns from the ORM docs: begin_nested() savepoints (rolling back only the inner
# part), session.no_autoflush while building objects, and autoflush=False sessions, with echo=True.
from sqlalchemy import String, create_engine, select, func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Account(Base):
    __tablename__ = "account"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner: Mapped[str] = mapped_column(String(40), unique=True)
    balance: Mapped[int] = mapped_column(default=0)

    def __repr__(self):
        return f"Account({self.owner!r}, balance={self.balance})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

with Session(engine) as session:
    session.add(Account(owner="alice", balance=100))
    session.commit()

    engine.echo = True
    session.add(Account(owner="bob", balance=50))
    try:
        with session.begin_nested():
            session.add(Account(owner="alice"))
    except IntegrityError as e:
        print("inner failed:", e.orig)
    print(session.scalars(select(Account.owner).order_by(Account.id)).all())
    session.commit()
    engine.echo = False

    with session.no_autoflush:
        carol = Account(owner="carol")
        session.add(carol)
        print(session.scalar(select(func.count(Account.id))))
    print(session.scalar(select(func.count(Account.id))))
    session.rollback()
    print(session.scalars(select(Account).order_by(Account.id)).all())

with Session(engine, autoflush=False) as session:
    session.add(Account(owner="dave"))
    print(session.scalar(select(func.count(Account.id))))
    session.flush()
    print(session.scalar(select(func.count(Account.id))))
