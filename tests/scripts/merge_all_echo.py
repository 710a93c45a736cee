# Session.merge_all(): merge() of each object after one autoflush; an existing row is updated, a new one inserted.
from sqlalchemy import create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, Session
class Base(DeclarativeBase):
    pass
class User(Base):
    __tablename__ = 'u'
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    def __repr__(self):
        return f"User({self.id}, {self.name!r})"
engine = create_engine('sqlite://', echo=True)
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all([User(name='a'), User(name='b')])
    s.commit()
with Session(engine) as s:
    merged = s.merge_all([User(id=1, name='A'), User(id=3, name='c')])
    print(merged, s.dirty, s.new)
    s.commit()
