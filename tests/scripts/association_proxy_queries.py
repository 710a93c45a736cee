# association_proxy in queries (docs, "Querying with Association Proxies"): any() with a criterion,
# contains() of a string-valued proxy (a LIKE inside EXISTS), any() without arguments,
# printed and run.
from sqlalchemy import select, String, ForeignKey, Table, Column
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.ext.associationproxy import association_proxy
class Base(DeclarativeBase): pass
uk = Table("user_keyword", Base.metadata, Column("user_id", ForeignKey("user.id"), primary_key=True), Column("keyword_id", ForeignKey("keyword.id"), primary_key=True))
class User(Base):
    __tablename__ = "user"
    id: Mapped[int] = mapped_column(primary_key=True)
    kw: Mapped[list["Keyword"]] = relationship(secondary=uk)
    keywords = association_proxy("kw", "keyword")
class Keyword(Base):
    __tablename__ = "keyword"
    id: Mapped[int] = mapped_column(primary_key=True)
    keyword: Mapped[str] = mapped_column(String(64))
print(select(User).where(User.keywords.any(Keyword.keyword == "x")))
print(select(User).where(User.kw.any(Keyword.keyword == "x")))
print(select(User).where(User.keywords.contains("y")))
print(select(User).where(User.keywords.any()))

from sqlalchemy import create_engine
from sqlalchemy.orm import Session
engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    u1, u2 = User(), User()
    u1.kw = [Keyword(keyword="xylophone"), Keyword(keyword="x")]
    s.add_all([u1, u2])
    s.commit()
    print(s.scalars(select(User.id).where(User.keywords.any(Keyword.keyword == "x"))).all())
    print(s.scalars(select(User.id).where(User.keywords.contains("ylo"))).all())
    print(s.scalars(select(User.id).where(~User.keywords.any())).all())
    print(list(u1.keywords))
