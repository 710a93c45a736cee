# Many-to-many, classic style (declarative_base, Column): a unique keyword appended to two
# posts, and querying through the association with join() and any().
from sqlalchemy import create_engine, Column, Integer, String, Text, ForeignKey, Table
from sqlalchemy.orm import declarative_base, relationship, sessionmaker

engine = create_engine("sqlite:///:memory:")
Base = declarative_base()

post_keywords = Table('post_keywords', Base.metadata,
    Column('post_id', ForeignKey('posts.id'), primary_key=True),
    Column('keyword_id', ForeignKey('keywords.id'), primary_key=True)
)

class BlogPost(Base):
    __tablename__ = 'posts'

    id = Column(Integer, primary_key=True)
    headline = Column(String(255), nullable=False)
    body = Column(Text)

    keywords = relationship('Keyword',
                            secondary=post_keywords,
                            back_populates='posts')

    def __init__(self, headline, body):
        self.headline = headline
        self.body = body

    def __repr__(self):
        return "BlogPost(%r, %r)" % (self.headline, self.body)


class Keyword(Base):
    __tablename__ = 'keywords'

    id = Column(Integer, primary_key=True)
    keyword = Column(String(50), nullable=False, unique=True)
    posts = relationship('BlogPost',
                         secondary=post_keywords,
                         back_populates='keywords')

    def __init__(self, keyword):
        self.keyword = keyword

Base.metadata.create_all(engine)
session = sessionmaker(bind=engine)()

post = BlogPost("Wendy's Blog Post", "This is a test")
session.add(post)
post.keywords.append(Keyword('wendy'))
post.keywords.append(Keyword('firstpost'))
session.commit()

post2 = BlogPost("Another post", "More text")
post2.keywords.append(session.query(Keyword).filter_by(keyword='wendy').one())
session.add(post2)
session.commit()

print(session.query(BlogPost).\
        filter(BlogPost.keywords.any(keyword='firstpost')).\
        all())
print(session.query(BlogPost).join(BlogPost.keywords).filter(Keyword.keyword == 'wendy').order_by(BlogPost.id).all())
wendy = session.query(Keyword).filter_by(keyword='wendy').one()
print(sorted(p.headline for p in wendy.posts))
print(session.query(BlogPost).filter(BlogPost.keywords.any(keyword='nothing')).all())
