# Golden message of an executemany the database refuses: every parameter set is shown, as
# the echo log shows them (crates/orm/src/engine/execute.rs tests).
# Run: python executemany_error.py (SQLAlchemy 2.1.9).
from sqlalchemy import create_engine, MetaData, Table, Column, Integer, String, insert
md = MetaData()
t = Table("t", md, Column("id", Integer, primary_key=True), Column("name", String))
engine = create_engine("sqlite://")
md.create_all(engine)
with engine.connect() as c:
    try:
        c.execute(insert(t), [{"id": 1, "name": "a"}, {"id": 1, "name": "b"}, {"id": 2, "name": "c"}])
    except Exception as e:
        print(e)
