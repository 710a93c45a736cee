# Blog-post style: two foreign keys to the same table (sender/recipient) with foreign_keys= in both
# spellings, a string order_by="desc(...)", and a one-to-one backref with lazy="joined".
from sqlalchemy import create_engine, Column, Integer, String, ForeignKey, Text, desc
from sqlalchemy.orm import declarative_base, relationship, backref, Session
Base = declarative_base()
class User(Base):
    __tablename__ = "user"
    id = Column(Integer, primary_key=True)
    username = Column(String(20))
    profile = relationship("Profile", uselist=False, backref=backref("user", uselist=False), lazy="joined")
    sent = relationship("Message", foreign_keys="Message.sender_id", back_populates="sender", order_by="desc(Message.id)")
    received = relationship("Message", foreign_keys="[Message.recipient_id]", back_populates="recipient")
    def __repr__(self): return f"<User {self.username}>"
class Profile(Base):
    __tablename__ = "profile"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("user.id"), unique=True)
    bio = Column(Text)
class Message(Base):
    __tablename__ = "message"
    id = Column(Integer, primary_key=True)
    sender_id = Column(Integer, ForeignKey("user.id"))
    recipient_id = Column(Integer, ForeignKey("user.id"))
    body = Column(String)
    sender = relationship("User", foreign_keys=[sender_id], back_populates="sent")
    recipient = relationship("User", foreign_keys=[recipient_id], back_populates="received")
    def __repr__(self): return f"<Message {self.sender.username}->{self.recipient.username}: {self.body}>"
e = create_engine("sqlite://", echo=True)
Base.metadata.create_all(e)
with Session(e) as s:
    a, b = User(username="a"), User(username="b")
    a.profile = Profile(bio="hi")
    s.add_all([a, b, Message(sender=a, recipient=b, body="hello"), Message(sender=b, recipient=a, body="yo"), Message(sender=a, recipient=b, body="again")])
    s.commit()
    u = s.get(User, 1)
    print(u.profile.bio, u.profile.user is u)
    print(u.sent, u.received)
    print(b.profile)
