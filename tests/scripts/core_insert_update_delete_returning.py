# Core DML with RETURNING: insert().returning() with one parameter dict, with a list of one
# and of several (one multi-row INSERT, insertmanyvalues), .values().returning(), and
# update() / delete() returning rows, with echo=True.
from sqlalchemy import *
e = create_engine("sqlite://", echo=True)
m = MetaData()
t = Table("t", m, Column("id", Integer, primary_key=True), Column("name", String))
m.create_all(e)
with e.begin() as c:
    print(c.execute(insert(t).returning(t.c.id, t.c.name), [{"name": "x"}]).all())
    print(c.execute(insert(t).returning(t.c.id, t.c.name), {"name": "y"}).all())
    print(c.execute(insert(t).values(name="z").returning(t.c.id)).all())
    print(c.execute(insert(t).returning(t.c.id, t.c.name), [{"name": "a"}, {"name": "b"}]).all())
    print(c.execute(update(t).where(t.c.id > 3).values(name="q").returning(t.c.id, t.c.name)).all())
    print(c.execute(delete(t).where(t.c.id == 5).returning(t.c.name)).scalar_one())
