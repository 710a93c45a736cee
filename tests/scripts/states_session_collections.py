# session.new, session.dirty and session.deleted as a learner prints them (IdentitySet reprs),
# through add, modify, delete, flush and commit. expire_on_commit=False keeps the objects loaded
# so printing them emits no SQL (compare states_repr_autoflush_pitfall). Each set holds at most
# one object when printed, since the order of several dirty/deleted objects is not defined.
from typing import Optional
from sqlalchemy import String, create_engine
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
session = Session(engine, expire_on_commit=False)

print(session.new, session.dirty, session.deleted)
ed = User(name="ed", fullname="Ed Jones")
wendy = User(name="wendy", fullname="Wendy Williams")
session.add_all([ed, wendy])
print("new:", session.new)
print("ed in new:", ed in session.new, "len:", len(session.new))
session.commit()
print("new after commit:", session.new)

ed.fullname = "Edward Jones"
print("dirty:", session.dirty)
print("is_modified:", session.is_modified(ed), session.is_modified(wendy))

ed.fullname = ed.fullname
wendy.name = "wendy"
print("dirty (same value set):", wendy in session.dirty, session.is_modified(wendy))

session.delete(wendy)
print("deleted:", session.deleted)
session.flush()
print("after flush:", session.new, session.dirty, session.deleted)
print(wendy in session, ed in session)
session.commit()
print(list(session), len(session.identity_map))
