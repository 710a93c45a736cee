# Seed 002 (002_7a6685c1f7a3ce8e.txt), "Many-to-Many Relationships", second form (backref="parents"
# creates Child.parents): indentation restored, association table and setup added.
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
    children = relationship("Child",
                    secondary=association_table,
                    backref="parents")

class Child(Base):
    __tablename__ = 'right'
    id = Column(Integer, primary_key=True)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

print(hasattr(Child, "parents"))  # the backref is added when the mappers are configured
session = Session(engine)
parent = Parent(children=[Child(), Child()])
print(hasattr(Child, "parents"))
session.add(parent)
session.commit()
child = session.get(Child, 2)
print(child.id, [p.id for p in child.parents])
print(child in parent.children, sorted(c.id for c in parent.children))
