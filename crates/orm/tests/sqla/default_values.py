# Golden SQL for INSERTs of rows without values: one row is DEFAULT VALUES, a batch is
# (first column) VALUES (NULL) RETURNING; Core's insert(t) has its own cache entry
# (crates/orm/src/unit_of_work/tests_insert.rs). Run: python default_values.py (SQLAlchemy 2.1.9).
from sqlalchemy import create_engine, Column, Integer, insert
from sqlalchemy.orm import DeclarativeBase, Session
class Base(DeclarativeBase): pass
class Left(Base):
    __tablename__ = "left"
    id = Column(Integer, primary_key=True)
engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
engine.echo = True
with Session(engine) as s:
    s.add(Left()); s.flush()
    s.add_all([Left(), Left(), Left()]); s.flush()
    s.commit()
with engine.begin() as c:
    c.execute(insert(Left.__table__))
    print(str(insert(Left.__table__)))
    print(c.exec_driver_sql('SELECT count(*) FROM "left"').scalar())
