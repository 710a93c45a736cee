# Golden SQL for children taken out of a collection with no back_populates side: deleted as
# orphans with delete-orphan, else their foreign key set to NULL, unless moved to another
# parent (crates/orm/src/session/tests_orphans.rs). Run: python orphans.py (SQLAlchemy 2.1.9).
from typing import List, Optional
from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session

class Base(DeclarativeBase): pass

class Parent(Base):
    __tablename__ = "parent"
    id: Mapped[int] = mapped_column(primary_key=True)
    pets: Mapped[List["Pet"]] = relationship(cascade="all, delete-orphan")
    toys: Mapped[List["Toy"]] = relationship()

class Pet(Base):
    __tablename__ = "pet"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int] = mapped_column(ForeignKey("parent.id"))

class Toy(Base):
    __tablename__ = "toy"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[Optional[int]] = mapped_column(ForeignKey("parent.id"))

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with engine.begin() as c:
    c.exec_driver_sql("INSERT INTO parent VALUES (1), (2)")
    c.exec_driver_sql("INSERT INTO pet VALUES (1, 1), (2, 1)")
    c.exec_driver_sql("INSERT INTO toy VALUES (1, 1), (2, 1), (3, 1)")
engine.echo = True
s = Session(engine)
p1 = s.get(Parent, 1)
p2 = s.get(Parent, 2)
pet = p1.pets[0]
p1.pets.remove(pet)
toys = list(p1.toys)
p1.toys.remove(toys[0])
p1.toys.remove(toys[1])
p2.toys.append(toys[1])
s.flush()
print(pet in s)
s.close()
