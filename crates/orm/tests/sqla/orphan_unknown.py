# A child whose many-to-one is set to None: an orphan of its delete-orphan parent only when
# the old parent was known (in the identity map); otherwise its key is set to NULL.
from sqlalchemy import Column, ForeignKey, Integer, String, create_engine, text
from sqlalchemy.orm import Session, declarative_base, relationship
Base = declarative_base()
class P(Base):
    __tablename__ = "p"
    id = Column(Integer, primary_key=True)
    kids = relationship("K", back_populates="p", cascade="all, delete-orphan")
class K(Base):
    __tablename__ = "k"
    id = Column(Integer, primary_key=True)
    p_id = Column(ForeignKey("p.id"))
    p = relationship("P", back_populates="kids")
engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with engine.begin() as c:
    c.execute(text("INSERT INTO p VALUES (1), (2)"))
    c.execute(text("INSERT INTO k VALUES (1, 1), (2, 1), (3, 2)"))
engine.echo = True
s = Session(engine)
k = s.get(K, 1)
k.p = None
s.commit()
print("--- parent in identity map")
p2 = s.get(P, 2)
k3 = s.get(K, 3)
k3.p = None
s.commit()
