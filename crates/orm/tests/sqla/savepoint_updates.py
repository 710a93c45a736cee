from sqlalchemy import Column, Integer, String, create_engine
from sqlalchemy.orm import Session, declarative_base
Base = declarative_base()
class U(Base):
    __tablename__ = "u"
    id = Column(Integer, primary_key=True)
    name = Column(String)
engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
s = Session(engine)
u = U(name="a")
v = U(name="v")
s.add_all([u, v])
s.commit()
print(u.name, v.name)
n = s.begin_nested()
u.name = "b"
s.flush()
n.rollback()
print(u.name, v.name)
n = s.begin_nested()
u.name = "c"
s.flush()
n.commit()
print(u.name)
s.rollback()
print(u.name)
