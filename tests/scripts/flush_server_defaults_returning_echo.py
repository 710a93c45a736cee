# Server defaults come back at INSERT: SQLAlchemy 2.x (eager_defaults="auto") adds RETURNING of the
# primary key and the server-defaulted columns a row leaves out (a None given counts as left
# out), so they read without a SELECT after the flush; several rows go one at a time.
from sqlalchemy import *
from sqlalchemy.orm import *
class Base(DeclarativeBase): pass
class A(Base):
    __tablename__ = "a"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    label: Mapped[str] = mapped_column(server_default="main")
    created = mapped_column(DateTime, server_default=func.now())
e = create_engine("sqlite://")
Base.metadata.create_all(e)
e.echo = True
with Session(e) as s:
    a = A(name="x"); s.add(a); s.flush()
    print(a.label, a.__dict__.get("label"))
    s.add_all([A(name="y"), A(name="z", label="given")]); s.flush()
    s.add_all([A(id=10, name="p"), A(id=11, name="q")]); s.flush()
    s.add(A(id=12, name="r", label="l", created=None)); s.flush()
    s.commit()
