# Joins to subclasses: the golden of joins_to_subclasses_render_as_sqlalchemy in
# crates/orm/src/mapper/joined_tests.rs.
from sqlalchemy import ForeignKey, Integer, String, Column, select
from sqlalchemy.orm import declarative_base
Base = declarative_base()
class Company(Base):
    __tablename__ = "company"
    id = Column(Integer, primary_key=True)
class Person(Base):
    __tablename__ = "person"
    id = Column(Integer, primary_key=True)
    type = Column(String)
    company_id = Column(ForeignKey("company.id"))
    __mapper_args__ = {"polymorphic_on": type, "polymorphic_identity": "person"}
class Engineer(Person):
    __tablename__ = "engineer"
    id = Column(ForeignKey("person.id"), primary_key=True)
    __mapper_args__ = {"polymorphic_identity": "engineer"}
class Temp(Person):
    __mapper_args__ = {"polymorphic_identity": "temp"}
print(repr(str(select(Company).join(Engineer))))
print(repr(str(select(Company).join(Temp))))
