# from https://docs.sqlalchemy.org/en/13/_modules/examples/inheritance/single.html
# (single-table inheritance with declarative_base() and Column, polymorphic_on given the
# column object), run with the legacy Query API.
from sqlalchemy import Column, ForeignKey, Integer, String, create_engine
from sqlalchemy.orm import Session, declarative_base, relationship

Base = declarative_base()


class Company(Base):
    __tablename__ = "company"
    id = Column(Integer, primary_key=True)
    name = Column(String(50))

    employees = relationship(
        "Person", back_populates="company", cascade="all, delete-orphan"
    )

    def __repr__(self):
        return "Company %s" % self.name


class Person(Base):
    __tablename__ = "person"
    id = Column(Integer, primary_key=True)
    company_id = Column(ForeignKey("company.id"))
    name = Column(String(50))
    type = Column(String(50))

    company = relationship("Company", back_populates="employees")

    __mapper_args__ = {
        "polymorphic_identity": "person",
        "polymorphic_on": type,
    }

    def __repr__(self):
        return "Ordinary person %s" % self.name


class Engineer(Person):
    status = Column(String(30))
    engineer_name = Column(String(30))
    primary_language = Column(String(30))

    __mapper_args__ = {"polymorphic_identity": "engineer"}

    def __repr__(self):
        return (
            "Engineer %s, status %s, engineer_name %s, "
            "primary_language %s"
            % (
                self.name,
                self.status,
                self.engineer_name,
                self.primary_language,
            )
        )


class Manager(Person):
    manager_name = Column(String(30))

    __mapper_args__ = {"polymorphic_identity": "manager"}

    def __repr__(self):
        return "Manager %s, manager_name %s" % (self.name, self.manager_name)


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
print(Person.__table__.c.keys())

session = Session(engine)

c = Company(
    name="company1",
    employees=[
        Manager(name="pointy haired boss", manager_name="manager1"),
        Engineer(
            name="dilbert",
            status="BBA",
            engineer_name="engineer1",
            primary_language="java",
        ),
        Person(name="joesmith"),
        Engineer(
            name="wally",
            status="CGG",
            engineer_name="engineer2",
            primary_language="python",
        ),
        Manager(name="jsmith", manager_name="manager2"),
    ],
)
session.add(c)
session.commit()

c = session.get(Company, 1)
for e in c.employees:
    print(e, e.company)

dilbert = session.query(Person).filter_by(name="dilbert").one()
dilbert2 = session.query(Engineer).filter_by(name="dilbert").one()
assert dilbert is dilbert2

dilbert.engineer_name = "hes dilbert!"

session.flush()
session.expunge_all()

c = session.get(Company, 1)
for e in c.employees:
    print(e)

print(session.query(Engineer).filter(Engineer.primary_language == "python").all())
print(session.query(Manager).count())

session.delete(c)
session.commit()
session.close()
