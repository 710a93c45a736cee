# Advanced mapping from the ORM docs: an association object behind association_proxy (with a
# creator), a column_property() counting through a correlated subquery of a class-body column,
# hybrid properties and methods (the 2.0 .inplace.expression form), any() through the proxy
# (nested EXISTS) and group_concat.
from sqlalchemy import ForeignKey, String, create_engine, select, func, case
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, column_property
from sqlalchemy.ext.hybrid import hybrid_property, hybrid_method
from sqlalchemy.ext.associationproxy import association_proxy


class Base(DeclarativeBase):
    pass


class Keyword(Base):
    __tablename__ = "keyword"
    id: Mapped[int] = mapped_column(primary_key=True)
    word: Mapped[str] = mapped_column(String(20))

    def __init__(self, word):
        self.word = word


class ItemKeyword(Base):
    __tablename__ = "item_keyword"
    item_id: Mapped[int] = mapped_column(ForeignKey("item.id"), primary_key=True)
    keyword_id: Mapped[int] = mapped_column(ForeignKey("keyword.id"), primary_key=True)
    weight: Mapped[int] = mapped_column(default=1)
    keyword: Mapped[Keyword] = relationship()


class Item(Base):
    __tablename__ = "item"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(20))
    price: Mapped[float]
    qty: Mapped[int]
    links: Mapped[list[ItemKeyword]] = relationship(cascade="all, delete-orphan")
    keywords = association_proxy("links", "keyword", creator=lambda kw: ItemKeyword(keyword=kw))
    n_links = column_property(select(func.count(ItemKeyword.keyword_id)).where(ItemKeyword.item_id == id).correlate_except(ItemKeyword).scalar_subquery())

    @hybrid_property
    def total(self):
        return self.price * self.qty

    @hybrid_method
    def cheaper_than(self, limit):
        return self.price < limit

    @hybrid_property
    def size(self):
        return "big" if self.qty > 5 else "small"

    @size.inplace.expression
    @classmethod
    def _size(cls):
        return case((cls.qty > 5, "big"), else_="small")


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
with Session(engine) as s:
    a = Item(name="a", price=2.5, qty=10)
    a.keywords.append(Keyword("red"))
    a.keywords.append(Keyword("big"))
    b = Item(name="b", price=10.0, qty=1)
    s.add_all([a, b])
    s.commit()
    print(a.total, a.size, [k.word for k in a.keywords], a.n_links)
    print(s.execute(select(Item.name, Item.total, Item.size, Item.n_links).where(Item.cheaper_than(5)).order_by(Item.total)).all())
    print(s.scalars(select(Item.name).where(Item.keywords.any(Keyword.word == "red"))).all())
    print(s.execute(select(Keyword.word, func.group_concat(Item.name)).join(ItemKeyword, ItemKeyword.keyword_id == Keyword.id).join(Item, Item.id == ItemKeyword.item_id).group_by(Keyword.word)).all())
