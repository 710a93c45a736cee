# Blog reporting queries: a grouped subquery joined back, extract(year) with group_by by label,
# LIKE with an ESCAPE character, IN / NOT IN a subquery, count(distinct), rank() over, strftime,
# a correlated max over an alias; and the ArgumentError for order_by(1).
from datetime import datetime
from sqlalchemy import ForeignKey, String, create_engine, select, func, extract, distinct, desc, and_, cast, Date, literal
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, aliased


class Base(DeclarativeBase):
    pass


class Author(Base):
    __tablename__ = "author"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    posts: Mapped[list["Post"]] = relationship(back_populates="author")


class Post(Base):
    __tablename__ = "post"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(50))
    published: Mapped[datetime]
    views: Mapped[int] = mapped_column(default=0)
    author_id: Mapped[int] = mapped_column(ForeignKey("author.id"))
    author: Mapped[Author] = relationship(back_populates="posts")


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
with Session(engine) as s:
    a, b = Author(name="ann"), Author(name="bob")
    s.add_all([
        Post(title="Intro_1", published=datetime(2024, 1, 5), views=10, author=a),
        Post(title="Deep dive", published=datetime(2024, 6, 1), views=50, author=a),
        Post(title="Hello", published=datetime(2025, 2, 1), views=5, author=b),
    ])
    s.commit()
    counts = select(Post.author_id, func.count(Post.id).label("n")).group_by(Post.author_id).subquery()
    print(s.execute(select(Author.name, counts.c.n).join(counts, Author.id == counts.c.author_id).order_by(desc(counts.c.n))).all())
    print(s.execute(select(extract("year", Post.published).label("y"), func.sum(Post.views)).group_by("y").order_by("y")).all())
    print(s.scalars(select(Post.title).where(Post.title.like("%\\_1", escape="\\"))).all())
    print(s.scalars(select(Author.name).where(Author.id.in_(select(Post.author_id).where(Post.views > 20)))).all())
    print(s.scalars(select(Author.name).where(Author.id.not_in(select(Post.author_id).where(Post.views > 20)))).all())
    print(s.scalar(select(func.count(distinct(Post.author_id)))))
    print(s.execute(select(Post.title, func.rank().over(order_by=Post.views.desc()).label("r"))).all())
    try:
        select(Post.title).order_by(1)
    except Exception as e:
        print(type(e).__name__, e)
    print(s.scalars(select(func.strftime("%Y-%m", Post.published)).distinct().order_by(func.strftime("%Y-%m", Post.published))).all())
    top = aliased(Post)
    best = select(func.max(top.views)).where(top.author_id == Post.author_id).scalar_subquery()
    print(s.scalars(select(Post.title).where(Post.views == best).order_by(Post.title)).all())
