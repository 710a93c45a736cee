# The things learners print while exploring the ORM: the engine, the URL, a mapped attribute,
# a comparison expression, the Table and its columns, metadata.tables keys, sorted_tables, a
# Session and sessionmaker, a Query before it runs, and a Select's selected_columns.
from sqlalchemy import Column, ForeignKey, Integer, String, create_engine, select
from sqlalchemy.orm import Session, declarative_base, relationship, sessionmaker

Base = declarative_base()


class Author(Base):
    __tablename__ = "authors"
    id = Column(Integer, primary_key=True)
    name = Column(String(50), nullable=False)
    books = relationship("Book", back_populates="author")


class Book(Base):
    __tablename__ = "books"
    id = Column(Integer, primary_key=True)
    title = Column(String(100))
    author_id = Column(Integer, ForeignKey("authors.id"))
    author = relationship("Author", back_populates="books")


engine = create_engine("sqlite:///:memory:")
print(engine)
print(engine.url, engine.url.drivername, engine.dialect.name)
Base.metadata.create_all(engine)

print(Author.name)
print(Author.name == "Tolkien")
print(Author.name.like("T%"))
print(Book.author_id.in_([1, 2, 3]))
print(Author.books)
print(Author.__table__)
print(Author.__tablename__, Author.__table__.name)
print(list(Base.metadata.tables.keys()))
print([t.name for t in Base.metadata.sorted_tables])
print(Book.__table__.c.keys())
print(Book.__table__.c.author_id.foreign_keys)
print(Book.__table__.primary_key)
print(repr(Author.__table__.c.name))
print(Author.__mapper__)

Session_ = sessionmaker(bind=engine)
print(type(Session_).__name__, Session_.class_.__name__)
session = Session_()
print(type(session).__name__, session.bind is engine)
q = session.query(Author).filter(Author.name == "Tolkien")
print(type(q).__name__)
stmt = select(Book.title, Author.name).join(Book.author)
print([c.name for c in stmt.selected_columns])
print(stmt.column_descriptions[0]["name"], stmt.column_descriptions[1]["entity"].__name__)
print(Author())
print(Author(name="x").id, Author(name="x").books)
