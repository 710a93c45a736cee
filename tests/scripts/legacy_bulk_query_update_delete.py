# Classic 1.x tutorial style with backref and cascade="all, delete": query().update() and
# query().delete() bulk operations (with their synchronize_session choices), query.count()
# before and after, and session.delete() cascading from the parent through the backref.
from sqlalchemy import Column, ForeignKey, Integer, String, Boolean, create_engine
from sqlalchemy.orm import backref, declarative_base, relationship, sessionmaker

Base = declarative_base()


class Team(Base):
    __tablename__ = "teams"
    id = Column(Integer, primary_key=True)
    name = Column(String(30), unique=True)

    def __repr__(self):
        return "<Team %r>" % self.name


class Player(Base):
    __tablename__ = "players"
    id = Column(Integer, primary_key=True)
    name = Column(String(30))
    goals = Column(Integer, default=0)
    retired = Column(Boolean, default=False)
    team_id = Column(Integer, ForeignKey("teams.id"))
    team = relationship(Team, backref=backref("players", cascade="all, delete", order_by=id))

    def __repr__(self):
        return "<Player %r goals=%d%s>" % (self.name, self.goals, " (retired)" if self.retired else "")


engine = create_engine("sqlite:///:memory:")
Base.metadata.create_all(engine)
session = sessionmaker(bind=engine)()

reds = Team(name="Reds")
blues = Team(name="Blues")
for name, goals, team in [("Ian", 12, reds), ("Kenny", 30, reds), ("Alan", 25, reds),
                          ("Dixie", 40, blues), ("Gary", 8, blues)]:
    Player(name=name, goals=goals, team=team)
session.add_all([reds, blues])
session.commit()
print(reds.players)
print(blues.players)

n = session.query(Player).filter(Player.goals < 15).update({Player.retired: True})
print("retired:", n)
print(reds.players[0], blues.players[1])
n = session.query(Player).filter(Player.team == blues).update(
    {"goals": Player.goals + 1}, synchronize_session="fetch")
print("updated:", n, [p.goals for p in blues.players])
session.commit()

print(session.query(Player).filter_by(retired=True).count())
n = session.query(Player).filter(Player.retired == True).delete(synchronize_session=False)
print("deleted:", n)
session.commit()
print(session.query(Player).order_by(Player.id).all())

session.delete(reds)
session.commit()
print(session.query(Player).count(), session.query(Team).all())
print(session.query(Player.name, Team.name).join(Player.team).all())
