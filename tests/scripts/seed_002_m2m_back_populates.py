# Seed 002 (002_7a6685c1f7a3ce8e.txt), "Many-to-Many Relationships", first form (back_populates):
# indentation restored and the lost first line `association_table = Table('association', ...`
# put back, with the Base and engine setup the notes leave out. The order of rows in the
# association table follows SQLAlchemy's internal set order, so ids are printed sorted.
from sqlalchemy import Table, Column, Integer, ForeignKey
from sqlalchemy.orm import relationship
from sqlalchemy.ext.declarative import declarative_base
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

Base = declarative_base()

association_table = Table('association', Base.metadata,
    Column('left_id', Integer, ForeignKey('left.id')),
    Column('right_id', Integer, ForeignKey('right.id')))


class Parent(Base):
    __tablename__ = 'left'
    id = Column(Integer, primary_key=True)
    children = relationship(
        "Child",
        secondary=association_table,
        back_populates="parents")

class Child(Base):
    __tablename__ = 'right'
    id = Column(Integer, primary_key=True)
    parents = relationship(
        "Parent",
        secondary=association_table,
        back_populates="children")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

session = Session(engine)
p1, p2 = Parent(), Parent()
c1, c2, c3 = Child(), Child(), Child()
p1.children.append(c1)
p1.children.append(c2)
p2.children.append(c2)
c3.parents.append(p2)
print(len(c2.parents), len(p2.children))
session.add_all([p1, p2])
session.commit()

for p in session.query(Parent).order_by(Parent.id):
    print("parent", p.id, "children", sorted(c.id for c in p.children))
for c in session.query(Child).order_by(Child.id):
    print("child", c.id, "parents", sorted(p.id for p in c.parents))
