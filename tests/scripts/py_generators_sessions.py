from contextlib import contextmanager
from sqlalchemy import create_engine, String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, Session, sessionmaker

class Base(DeclarativeBase):
    pass

class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))

    def __repr__(self):
        return f"User({self.name!r})"

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
SessionLocal = sessionmaker(bind=engine)

@contextmanager
def session_scope():
    session = SessionLocal()
    try:
        yield session
        session.commit()
        print("committed")
    except Exception as exc:
        session.rollback()
        print("rolled back:", exc)
        raise
    finally:
        session.close()
        print("closed")

def get_db():
    db = SessionLocal()
    try:
        yield db
    finally:
        db.close()
        print("db closed")

with session_scope() as s:
    s.add_all([User(name=n) for n in ["ann", "bob", "cy"]])

try:
    with session_scope() as s:
        s.add(User(name="dup"))
        raise RuntimeError("boom")
except RuntimeError:
    print("caught")

gen = get_db()
db = next(gen)
print(db.scalars(select(User).order_by(User.name)).all())
try:
    next(gen)
except StopIteration:
    print("generator done")

def users_in_batches(session, size):
    offset = 0
    while True:
        batch = session.scalars(select(User).order_by(User.id).offset(offset).limit(size)).all()
        if not batch:
            return
        yield batch
        offset += size

with Session(engine) as session:
    for i, batch in enumerate(users_in_batches(session, 2)):
        print(i, batch)
    names = (u.name.upper() for u in session.scalars(select(User)))
    print(", ".join(names))
    print(any(u.name == "bob" for u in session.scalars(select(User))))
    print(sum(1 for _ in session.scalars(select(User))))
