# __repr__ and __str__ styles seen in tutorials, and how print() uses them: f-strings with !r and
# format specs, %-formatting, str.format, a generic repr built from the table's columns, a
# class without __repr__ (default repr, shown through type only), and objects inside containers.
from sqlalchemy import Column, Float, Integer, String, Boolean, create_engine, inspect, select
from sqlalchemy.orm import Session, declarative_base

Base = declarative_base()


class City(Base):
    __tablename__ = "cities"
    id = Column(Integer, primary_key=True)
    name = Column(String(50))
    population = Column(Integer)
    area_km2 = Column(Float)
    capital = Column(Boolean, default=False)

    def __repr__(self):
        return f"City(id={self.id!r}, name={self.name!r}, population={self.population:,}, area={self.area_km2:.1f})"

    def __str__(self):
        return f"{self.name} ({'capital' if self.capital else 'city'})"


class Country(Base):
    __tablename__ = "countries"
    code = Column(String(2), primary_key=True)
    name = Column(String(50))

    def __repr__(self):
        return "<Country %s: %s>" % (self.code, self.name)


class River(Base):
    __tablename__ = "rivers"
    id = Column(Integer, primary_key=True)
    name = Column(String(50))
    length_km = Column(Integer)

    def __repr__(self):
        return "{}({})".format(
            type(self).__name__,
            ", ".join(f"{c.key}={getattr(self, c.key)!r}" for c in self.__table__.columns),
        )


class Mountain(Base):
    __tablename__ = "mountains"
    id = Column(Integer, primary_key=True)
    name = Column(String(50))


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

with Session(engine) as session:
    oslo = City(name="Oslo", population=709037, area_km2=454.03, capital=True)
    bergen = City(name="Bergen", population=289330, area_km2=465.3)
    session.add_all([oslo, bergen, Country(code="NO", name="Norway"),
                     River(name="Glomma", length_km=621), Mountain(name="Galdhøpiggen")])
    session.commit()

    cities = session.scalars(select(City).order_by(City.id)).all()
    print(cities)
    for c in cities:
        print(c)
        print(f"{c!s:>20}|{c.name:^10}|{c.population:>10,}")
    print(str(cities[0]), repr(cities[1]))
    print({c.name: c for c in cities})
    print(tuple(cities))
    print(session.get(Country, "NO"))
    print([session.get(Country, "NO")])
    print(session.scalars(select(River)).one())
    m = session.scalars(select(Mountain)).one()
    print(type(m).__name__, m.name, repr(m).startswith("<__main__.Mountain object at 0x"))
    print("%s has %d people" % (oslo.name, oslo.population))
    print("{0.name} covers {0.area_km2} km2".format(bergen))
    row = session.execute(select(City.name, City.population).where(City.capital)).one()
    print(row, row._asdict(), dict(row._mapping))
    print(f"{row.name=}, {row.population=}")
    print(inspect(oslo).identity, inspect(oslo).identity_key[1])
