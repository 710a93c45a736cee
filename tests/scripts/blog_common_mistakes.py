# Blog-post style list of beginner mistakes: == None, `in` and `and` on column expressions,
# truthiness of comparisons, session.execute() of a plain string, misspelt attributes, in_([]).
from sqlalchemy import create_engine, select, String, Integer, Column, and_
from sqlalchemy.orm import declarative_base, Session
Base = declarative_base()
class User(Base):
    __tablename__ = "u"
    id = Column(Integer, primary_key=True)
    name = Column(String)
e = create_engine("sqlite://")
Base.metadata.create_all(e)
s = Session(e)
s.add_all([User(name="a"), User(name=None)])
s.commit()
print(select(User).where(User.name == None))
print(select(User).where(User.name != None))
print(select(User).where(User.name.is_not(None)))
print(s.scalars(select(User.id).where(User.name == None)).all())
try:
    print(select(User).where(User.id in [1, 2]))
except Exception as ex:
    print(type(ex).__name__, ex)
try:
    if User.name == "a":
        print("truthy?")
except Exception as ex:
    print(type(ex).__name__, ex)
try:
    print(select(User).where(User.name == "a" and User.id == 1))
except Exception as ex:
    print(type(ex).__name__, ex)
print(select(User).where(and_(User.name == "a", User.id == 1)))
try:
    s.execute("SELECT 1")
except Exception as ex:
    print(type(ex).__name__, ex)
try:
    s.query(User).filter(User.nme == "a")
except Exception as ex:
    print(type(ex).__name__, ex)
try:
    User(nme="x")
except Exception as ex:
    print(type(ex).__name__, ex)
try:
    s.get(User, "abc")
    print(s.get(User, 99))
    s.query(User).filter_by(nme="a").all()
except Exception as ex:
    print(type(ex).__name__, ex)
try:
    len(s.query(User))
except Exception as ex:
    print(type(ex).__name__, ex)
print(bool(User.name == User.name), User.id.in_([]))
print(s.scalars(select(User).where(User.id.in_([]))).all())
