# from https://docs.sqlalchemy.org/en/20/orm/inheritance.html: what goes wrong with
# polymorphic identities, caught and printed.
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Employee(Base):
    __tablename__ = "employee"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    type: Mapped[str]
    __mapper_args__ = {"polymorphic_on": "type", "polymorphic_identity": "employee"}

    def __repr__(self):
        return f"{type(self).__name__}({self.name!r})"


class Manager(Employee):
    manager_name: Mapped[str] = mapped_column(nullable=True)
    __mapper_args__ = {"polymorphic_identity": "manager"}


class Intern(Employee):
    school: Mapped[str] = mapped_column(nullable=True)


try:
    class Temp(Employee):
        __table_args__ = {"sqlite_autoincrement": True}
        __mapper_args__ = {"polymorphic_identity": "temp"}
except Exception as e:
    print(type(e).__name__, e)

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as session:
    session.add_all([Manager(name="Ann"), Employee(name="Bob")])
    session.commit()
    print(session.get(Manager, 2), session.get(Employee, 2), session.get(Manager, 1))
    session.add(Manager(name="Dee", type="employee"))
    session.commit()
    session.expunge_all()
    print(session.get(Employee, 3))
    session.execute(text("INSERT INTO employee (name, type) VALUES ('Cy', 'contractor')"))
    try:
        print(session.scalars(select(Employee).order_by(Employee.id)).all())
    except AssertionError as e:
        print("AssertionError:", e)
    print(session.scalars(select(Manager)).all())
