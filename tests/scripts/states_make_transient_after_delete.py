# A deleted-and-committed object cannot be added back until make_transient() sends it back to
# the transient state; then it is INSERTed again under its old primary key.
from sqlalchemy import create_engine, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, Session, make_transient
from sqlalchemy import inspect
class Base(DeclarativeBase): pass
class U(Base):
    __tablename__ = "u"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(10))
e = create_engine("sqlite://")
Base.metadata.create_all(e)
s = Session(e)
u = U(name="a"); s.add(u); s.commit()
s.delete(u); s.commit()
try:
    s.add(u)
except Exception as ex:
    print(type(ex).__name__, str(ex).replace(hex(id(u)), "0x..."))
make_transient(u)
print(inspect(u).transient, inspect(u).was_deleted)
s.add(u); s.commit()
print(u.id, u.name, s.get(U, 1) is u)
