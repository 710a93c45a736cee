# The Flask Mega-Tutorial's followers relationship without Flask: a self-referential
# many-to-many through an association table, lazy="dynamic" collections that return queries
# (filter, count, order_by on the relationship), follow/unfollow helpers and is_following().
from sqlalchemy import Column, ForeignKey, Integer, String, Table, create_engine
from sqlalchemy.orm import Session, declarative_base, relationship

Base = declarative_base()

followers = Table(
    "followers", Base.metadata,
    Column("follower_id", Integer, ForeignKey("user.id")),
    Column("followed_id", Integer, ForeignKey("user.id")),
)


class User(Base):
    __tablename__ = "user"
    id = Column(Integer, primary_key=True)
    username = Column(String(64), index=True, unique=True)
    followed = relationship(
        "User", secondary=followers,
        primaryjoin=(followers.c.follower_id == id),
        secondaryjoin=(followers.c.followed_id == id),
        backref="followers_of", lazy="dynamic")

    def __repr__(self):
        return "<User {}>".format(self.username)

    def follow(self, user):
        if not self.is_following(user):
            self.followed.append(user)

    def unfollow(self, user):
        if self.is_following(user):
            self.followed.remove(user)

    def is_following(self, user):
        return self.followed.filter(followers.c.followed_id == user.id).count() > 0


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
session = Session(engine)

john, susan, mary = User(username="john"), User(username="susan"), User(username="mary")
session.add_all([john, susan, mary])
session.commit()

print(john.followed.all(), susan.followers_of)
john.follow(susan)
session.commit()
print(john.is_following(susan), susan.is_following(john))
print(john.followed.count(), john.followed.all(), susan.followers_of)
mary.follow(susan)
session.commit()
mary.follow(john)
session.commit()
print(sorted(u.username for u in susan.followers_of))
print(mary.followed.order_by(User.username).all())
print(type(mary.followed).__name__)
john.unfollow(susan)
session.commit()
print(john.followed.count(), john.is_following(susan))
print(mary.followed.filter(User.username.like("s%")).first())
print(session.query(followers).count())
