# from https://docs.sqlalchemy.org/en/20/orm/self_referential.html (join_depth) and https://docs.sqlalchemy.org/en/20/orm/join_conditions.html#self-referential-many-to-many-relationship
from typing import List, Optional

from sqlalchemy import Column, ForeignKey, Integer, Table, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Node(Base):
    __tablename__ = "node"
    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[Optional[int]] = mapped_column(ForeignKey("node.id"))
    data: Mapped[str]
    children: Mapped[List["Node"]] = relationship(
        back_populates="parent", lazy="selectin", join_depth=2, order_by="Node.data"
    )
    parent: Mapped[Optional["Node"]] = relationship(back_populates="children", remote_side=[id])

    def __repr__(self):
        return f"Node({self.data!r})"


node_to_node = Table(
    "node_to_node",
    Base.metadata,
    Column("left_node_id", Integer, ForeignKey("user.id"), primary_key=True),
    Column("right_node_id", Integer, ForeignKey("user.id"), primary_key=True),
)


class User(Base):
    __tablename__ = "user"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    following: Mapped[List["User"]] = relationship(
        secondary=node_to_node,
        primaryjoin=lambda: User.id == node_to_node.c.left_node_id,
        secondaryjoin=lambda: User.id == node_to_node.c.right_node_id,
        back_populates="followers",
    )
    followers: Mapped[List["User"]] = relationship(
        secondary=node_to_node,
        primaryjoin=lambda: User.id == node_to_node.c.right_node_id,
        secondaryjoin=lambda: User.id == node_to_node.c.left_node_id,
        back_populates="following",
    )

    def __repr__(self):
        return f"<User {self.name}>"


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)

with Session(engine) as session:
    session.add(
        Node(
            data="root",
            children=[
                Node(data="n1", children=[Node(data="n11", children=[Node(data="n111", children=[Node(data="n1111")])])]),
                Node(data="n2"),
            ],
        )
    )
    session.commit()

with Session(engine) as session:
    root = session.scalars(select(Node).where(Node.parent_id.is_(None))).one()
    print(root.children)
    print(root.children[0].children)
    print(root.children[0].children[0].children)
    print(root.children[0].children[0].children[0].children)
    print(root.children[0].children[0].children[0].parent.parent)

with Session(engine) as session:
    ann, bob, cat = User(name="ann"), User(name="bob"), User(name="cat")
    ann.following.extend([bob, cat])
    session.add(ann)
    session.flush()
    cat.following.append(ann)
    print(bob.followers, ann.followers)
    session.add_all([ann, bob, cat])
    session.commit()

with Session(engine) as session:
    ann = session.scalars(select(User).where(User.name == "ann")).one()
    print(ann.following, ann.followers)
    ann.following.remove(ann.following[0])
    session.commit()
    print(session.execute(select(node_to_node).order_by(node_to_node.c.left_node_id)).all())
