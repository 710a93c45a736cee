# Blog-post style Core tutorial (tutorialspoint's "students" table): insert().values(), compile()
# params, executemany, select with where, text() with named parameters, update, delete, operators.
from sqlalchemy import create_engine, text, MetaData, Table, Column, Integer, String, select
engine = create_engine("sqlite://")
meta = MetaData()
students = Table('students', meta, Column('id', Integer, primary_key=True), Column('name', String), Column('lastname', String))
meta.create_all(engine)
conn = engine.connect()
ins = students.insert().values(name='Ravi', lastname='Kapoor')
print(ins)
print(ins.compile().params)
result = conn.execute(ins)
print(result.inserted_primary_key)
conn.execute(students.insert(), [
   {'name':'Rajiv', 'lastname' : 'Khanna'},
   {'name':'Komal','lastname' : 'Bhandari'},
   {'name':'Abdul','lastname' : 'Sattar'},
   {'name':'Priya','lastname' : 'Rajhans'},
])
s = students.select()
print(s)
result = conn.execute(s)
for row in result:
   print (row)
s = students.select().where(students.c.id>2)
result = conn.execute(s)
row = result.fetchone()
print(row, result.fetchall())
t = text("SELECT * FROM students WHERE students.name BETWEEN :x AND :y")
print(conn.execute(t, {"x": 'A', "y": 'L'}).fetchall())
stmt = students.update().where(students.c.lastname == 'Khanna').values(lastname = 'Kapoor')
conn.execute(stmt)
print(conn.execute(students.select().where(students.c.lastname == 'Kapoor')).fetchall())
conn.execute(students.delete().where(students.c.lastname > 'L'))
print(conn.execute(select(students.c.name).order_by(students.c.name.desc())).fetchall())
from sqlalchemy.sql import and_, or_, not_, asc, desc, func
print(students.c.name.like('R%') & (students.c.id < 3))
print(or_(students.c.id == 1, ~students.c.name.in_(['a', 'b'])))
print(conn.execute(select(func.count(students.c.id), func.max(students.c.name))).fetchone())
engine.execute("select 1")
