# Blog-post style: a category tree (self-referential one-to-many without backref) walked
# recursively, products per category with aggregates, removing from a delete-orphan
# collection, deleting a category with its products.
from sqlalchemy import create_engine, Column, Integer, String, ForeignKey, select, func
from sqlalchemy.orm import declarative_base, relationship, Session, selectinload

Base = declarative_base()

class Category(Base):
    __tablename__ = "categories"
    id = Column(Integer, primary_key=True)
    name = Column(String(50), nullable=False, unique=True)
    parent_id = Column(Integer, ForeignKey("categories.id"))
    children = relationship("Category")
    products = relationship("Product", back_populates="category", cascade="all, delete-orphan")

    def __repr__(self):
        return f"Category({self.name})"

class Product(Base):
    __tablename__ = "products"
    id = Column(Integer, primary_key=True)
    name = Column(String(100))
    price = Column(Integer)
    category_id = Column(Integer, ForeignKey("categories.id"))
    category = relationship("Category", back_populates="products")

    def __repr__(self):
        return f"<{self.name} ${self.price}>"

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    elec = Category(name="electronics")
    phones = Category(name="phones")
    laptops = Category(name="laptops")
    elec.children.extend([phones, laptops])
    phones.products = [Product(name="pixel", price=599), Product(name="iphone", price=999)]
    laptops.products.append(Product(name="thinkpad", price=1299))
    s.add(elec)
    s.commit()

    def walk(cat, depth=0):
        print("  " * depth + cat.name, [p.name for p in cat.products])
        for c in cat.children:
            walk(c, depth + 1)

    root = s.scalars(select(Category).where(Category.parent_id.is_(None))).one()
    walk(root)
    stats = s.execute(
        select(Category.name, func.count(Product.id), func.avg(Product.price), func.max(Product.price))
        .join(Category.products).group_by(Category.id).order_by(Category.name)
    ).all()
    for name, n, avg, mx in stats:
        print(f"{name}: {n} products, avg {avg:.2f}, max {mx}")
    cheapest = s.scalars(select(Product).order_by(Product.price).limit(1)).first()
    print(cheapest, cheapest.category)
    phones.products.remove(cheapest)
    s.commit()
    print(s.scalar(select(func.count()).select_from(Product)))
    s.delete(laptops)
    s.commit()
    print(s.scalars(select(Product.name)).all(), [c.name for c in s.scalars(select(Category))])
