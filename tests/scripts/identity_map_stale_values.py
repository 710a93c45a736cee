# The identity map keeps the object's loaded state: a query that returns the row again does not
# overwrite pending in-memory changes, and unflushed attribute values win until expire/refresh.
from typing import Optional
from sqlalchemy import String, create_engine, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, Session


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    fullname: Mapped[Optional[str]]

    def __repr__(self) -> str:
        return f"User(id={self.id!r}, name={self.name!r}, fullname={self.fullname!r})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add(User(name="sandy", fullname="Sandy Cheeks"))
    session.commit()

session = Session(engine)
sandy = session.get(User, 1)
with engine.begin() as conn:
    conn.execute(text("UPDATE user_account SET fullname = 'Changed elsewhere'"))

print(session.scalars(select(User)).one())
print(session.execute(select(User.fullname)).scalar_one())
session.refresh(sandy)
print(sandy)

sandy.fullname = "Local change"
print(session.scalars(select(User).where(User.id == 1)).one())
print(session.execute(select(User.fullname)).scalar_one())
session.rollback()
print(sandy)
