# Object states with sqlalchemy.inspect(): transient -> pending -> persistent -> deleted ->
# detached, plus the identity, identity_key and session of each step.
from typing import Optional
from sqlalchemy import String, create_engine, inspect
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


def show(label, obj):
    insp = inspect(obj)
    flags = [name for name in ("transient", "pending", "persistent", "deleted", "detached")
             if getattr(insp, name)]
    print(f"{label:10} {flags} identity={insp.identity} key={insp.identity_key} "
          f"in_session={insp.session is not None} was_deleted={insp.was_deleted}")


session = Session(engine)
u = User(name="sandy", fullname="Sandy Cheeks")
show("new", u)
session.add(u)
show("added", u)
session.flush()
show("flushed", u)
session.commit()
show("committed", u)
session.delete(u)
show("deleting", u)
session.flush()
show("deleted", u)
session.commit()
show("commit", u)

v = User(name="patrick")
session.add(v)
session.commit()
session.close()
show("closed", v)
print(inspect(v).mapper, inspect(v).class_, inspect(v).object is v)
