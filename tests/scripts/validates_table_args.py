# Model-level validation as blog tutorials teach it: @validates on email and nickname (raising
# ValueError), __table_args__ with UniqueConstraint and CheckConstraint, and the IntegrityError
# text SQLite gives for each constraint, caught and printed.
from sqlalchemy import CheckConstraint, Column, Integer, String, UniqueConstraint, create_engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, declarative_base, validates

Base = declarative_base()


class Member(Base):
    __tablename__ = "members"
    __table_args__ = (
        UniqueConstraint("club", "nickname", name="uq_club_nickname"),
        CheckConstraint("age >= 0", name="ck_age_positive"),
    )

    id = Column(Integer, primary_key=True)
    club = Column(String(30), nullable=False)
    nickname = Column(String(30), nullable=False)
    email = Column(String(100))
    age = Column(Integer)

    @validates("email")
    def validate_email(self, key, address):
        if "@" not in address:
            raise ValueError(f"invalid {key}: {address!r}")
        return address.lower()

    @validates("nickname")
    def validate_nickname(self, key, value):
        return value.strip()

    def __repr__(self):
        return f"Member({self.club}/{self.nickname}, {self.email}, age={self.age})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
print(sorted(c.name for c in Member.__table__.constraints if c.name))

m = Member(club="chess", nickname="  knight ", email="Knight@Example.COM", age=30)
print(m)
try:
    Member(club="chess", nickname="rook", email="not-an-email")
except ValueError as e:
    print(type(e).__name__, e)
try:
    m.email = "also bad"
except ValueError as e:
    print(type(e).__name__, e)
print(m.email)

with Session(engine) as session:
    session.add(m)
    session.commit()
    session.add(Member(club="chess", nickname="knight", email="k2@example.com", age=20))
    try:
        session.commit()
    except IntegrityError as e:
        print(type(e).__name__, e.orig)
        session.rollback()
    session.add(Member(club="go", nickname="knight", email="go@example.com", age=-1))
    try:
        session.commit()
    except IntegrityError as e:
        print(type(e).__name__, e.orig)
        session.rollback()
    session.add(Member(club="go", nickname="knight", email="go@example.com", age=1))
    session.commit()
    print(session.query(Member).order_by(Member.id).all())
