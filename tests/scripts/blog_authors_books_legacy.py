# Blog-post style: a classic declarative_base() Author/Book model with the legacy Query API:
# order_by, count(), func.avg, join + group_by, like, str(query), one(), Query.get() (warns),
# Query.update() with an expression, delete and any().
from sqlalchemy import create_engine, Column, Integer, String, ForeignKey, func, Date, Float
from sqlalchemy.ext.declarative import declarative_base
from sqlalchemy.orm import sessionmaker, relationship
import datetime

engine = create_engine('sqlite:///:memory:', echo=False)
Base = declarative_base()

class Author(Base):
    __tablename__ = 'authors'
    id = Column(Integer, primary_key=True)
    first_name = Column(String(50))
    last_name = Column(String(50))
    books = relationship("Book", back_populates="author")

    def __repr__(self):
        return "<Author(first_name='%s', last_name='%s')>" % (self.first_name, self.last_name)

class Book(Base):
    __tablename__ = 'books'
    id = Column(Integer, primary_key=True)
    title = Column(String(100), nullable=False)
    published = Column(Date)
    price = Column(Float)
    author_id = Column(Integer, ForeignKey('authors.id'))
    author = relationship("Author", back_populates="books")

    def __repr__(self):
        return f"<Book {self.title!r} ({self.published.year})>"

Base.metadata.create_all(engine)
Session = sessionmaker(bind=engine)
session = Session()

tolkien = Author(first_name="J.R.R.", last_name="Tolkien")
orwell = Author(first_name="George", last_name="Orwell")
session.add_all([tolkien, orwell])
tolkien.books.append(Book(title="The Hobbit", published=datetime.date(1937, 9, 21), price=9.99))
tolkien.books.append(Book(title="The Lord of the Rings", published=datetime.date(1954, 7, 29), price=25.5))
orwell.books.extend([Book(title="1984", published=datetime.date(1949, 6, 8), price=7.5),
                     Book(title="Animal Farm", published=datetime.date(1945, 8, 17), price=5.0)])
session.commit()

for author in session.query(Author).order_by(Author.last_name):
    print(author, len(author.books))
    for b in author.books:
        print("   ", b, b.price)

print(session.query(Book).filter(Book.price > 7).count())
print(session.query(func.avg(Book.price)).scalar())
print(session.query(Author.last_name, func.count(Book.id), func.sum(Book.price)).join(Book).group_by(Author.id).all())
q = session.query(Book).filter(Book.title.like('%the%')).order_by(Book.published.desc())
print(q.all())
print(str(q))
old = session.query(Book).filter(Book.published < datetime.date(1940, 1, 1)).one()
print(old, old.author)
print(session.query(Book).get(2))
session.query(Book).filter_by(title="1984").update({"price": Book.price * 2})
print(session.query(Book.title, Book.price).filter(Book.price > 10).all())
session.delete(old)
session.commit()
print([b.title for b in session.query(Book).all()])
print(session.query(Author).filter(Author.books.any(Book.price > 20)).all())
