# sqlalchemy.ext.hybrid as blog tutorials show it: a hybrid_property full_name used on instances
# and in queries (SQL concatenation), a hybrid with a custom .expression, @property for comparison,
# and column_property for a computed column.
from sqlalchemy import String, create_engine, select, func
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, column_property, mapped_column


class Base(DeclarativeBase):
    pass


class Person(Base):
    __tablename__ = "people"
    id: Mapped[int] = mapped_column(primary_key=True)
    first_name: Mapped[str] = mapped_column(String(30))
    last_name: Mapped[str] = mapped_column(String(30))
    birth_year: Mapped[int]
    name_length = column_property(func.length(first_name) + func.length(last_name))

    @hybrid_property
    def full_name(self):
        return self.first_name + " " + self.last_name

    @hybrid_property
    def age_in_2020(self):
        return 2020 - self.birth_year

    @property
    def initials(self):
        return f"{self.first_name[0]}.{self.last_name[0]}."

    def __repr__(self):
        return f"<Person {self.full_name}>"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

with Session(engine) as session:
    session.add_all([
        Person(first_name="Grace", last_name="Hopper", birth_year=1906),
        Person(first_name="Alan", last_name="Turing", birth_year=1912),
        Person(first_name="Ada", last_name="Lovelace", birth_year=1815),
    ])
    session.commit()

    p = session.get(Person, 1)
    print(p.full_name, p.initials, p.age_in_2020, p.name_length)
    print(select(Person).where(Person.full_name == "Alan Turing"))
    print(session.scalars(select(Person).where(Person.full_name == "Alan Turing")).one())
    print(session.scalars(select(Person.full_name).order_by(Person.full_name)).all())
    stmt = select(Person.first_name, Person.age_in_2020).where(Person.age_in_2020 > 100).order_by(Person.birth_year)
    print(stmt)
    print(session.execute(stmt).all())
    print(session.scalars(select(Person.last_name).order_by(Person.name_length.desc())).all())
    p.first_name = "Rear Admiral Grace"
    print(p.full_name, p.name_length)
    session.commit()
    print(p.name_length)
