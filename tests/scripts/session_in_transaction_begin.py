# Session.in_transaction() and begin(): add() begins the session's transaction before any SQL
# runs, so a later begin() raises InvalidRequestError; commit() and close() end it; is_active
# turns False after a failed flush until rollback().
from sqlalchemy import create_engine, Column, Integer, String, select
from sqlalchemy.orm import declarative_base, Session
B = declarative_base()
class U(B):
    __tablename__ = "u"
    id = Column(Integer, primary_key=True)
e = create_engine("sqlite://")
B.metadata.create_all(e)
s = Session(e)
print(s.in_transaction())
s.add(U())
print(s.in_transaction())
try:
    s.begin()
except Exception as ex:
    print(type(ex).__name__, ex)
s.commit()
print(s.in_transaction())
t = s.begin()
print(s.in_transaction(), type(t).__name__)
try:
    s.begin()
except Exception as ex:
    print(type(ex).__name__, ex)
s.commit()
s.get(U, 1)
print(s.in_transaction())
s.close()
print(s.in_transaction())
class N(B):
    __tablename__ = "n"
    id = Column(Integer, primary_key=True)
    name = Column(String, nullable=False)
B.metadata.create_all(e)
print(s.is_active)
s.add(N())
try:
    s.flush()
except Exception as ex:
    print(type(ex).__name__)
print(s.is_active, s.in_transaction())
s.rollback()
print(s.is_active, s.in_transaction())
