# Self-referential one-to-many (adjacency list): a Category tree with parent/children,
# remote_side on the many-to-one side, a recursive printer, moving a subtree, and a
# delete-orphan cascade down the tree. Second form with backref= and remote_side.
from sqlalchemy import Column, ForeignKey, Integer, String, create_engine, select
from sqlalchemy.orm import Session, aliased, declarative_base, relationship, backref

Base = declarative_base()


class Category(Base):
    __tablename__ = "categories"
    id = Column(Integer, primary_key=True)
    name = Column(String(50), nullable=False)
    parent_id = Column(Integer, ForeignKey("categories.id"))

    parent = relationship("Category", back_populates="children", remote_side=[id])
    children = relationship("Category", back_populates="parent", cascade="all, delete-orphan",
                            order_by="Category.name")

    def __repr__(self):
        return f"Category({self.name!r})"


def show(node, depth=0):
    print("  " * depth + f"- {node.name}")
    for child in node.children:
        show(child, depth + 1)


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

with Session(engine) as session:
    root = Category(name="Electronics")
    computers = Category(name="Computers", parent=root)
    Category(name="Laptops", parent=computers)
    Category(name="Desktops", parent=computers)
    phones = Category(name="Phones", parent=root)
    Category(name="Smartphones", parent=phones)
    print(root.children, computers.parent)
    session.add(root)
    session.commit()

with Session(engine) as session:
    root = session.scalars(select(Category).where(Category.parent_id.is_(None))).one()
    show(root)
    laptops = session.scalars(select(Category).filter_by(name="Laptops")).one()
    print(laptops.parent, laptops.parent.parent, laptops.parent.parent.parent)

    parent = aliased(Category)
    stmt = (
        select(Category.name, parent.name)
        .join(parent, Category.parent)
        .order_by(Category.id)
    )
    for row in session.execute(stmt):
        print(row)
    stmt = select(Category).join(Category.parent.of_type(parent)).where(parent.name == "Computers").order_by(Category.name)
    print(session.scalars(stmt).all())

    phones = session.scalars(select(Category).filter_by(name="Phones")).one()
    laptops.parent = phones
    session.commit()
    show(root)

    computers = session.scalars(select(Category).filter_by(name="Computers")).one()
    session.delete(computers)
    session.commit()
    print(session.scalars(select(Category.name).order_by(Category.id)).all())
    phones.children.clear()
    session.commit()
    print(session.scalars(select(Category.name).order_by(Category.id)).all())


class Node(Base):
    __tablename__ = "node"
    id = Column(Integer, primary_key=True)
    parent_id = Column(Integer, ForeignKey("node.id"))
    data = Column(String(50))
    children = relationship("Node", backref=backref("parent", remote_side=[id]))

    def __repr__(self):
        return "Node(data=%r)" % self.data


Base.metadata.create_all(engine)
with Session(engine) as session:
    n1 = Node(data="n1")
    n2 = Node(data="n2", parent=n1)
    n3 = Node(data="n3", parent=n1)
    print(n1.children, n3.parent)
    session.add(n1)
    session.commit()
    print(session.get(Node, 3).parent, len(session.get(Node, 1).children))
    print(session.scalars(select(Node.data).where(Node.parent == n1).order_by(Node.id)).all())
