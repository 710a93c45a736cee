# Golden SQL: deleting a parent with a many-to-many collection and a one-to-many collection
# (no delete cascade): the order of the children's NULL-foreign-key UPDATE, the association
# rows' DELETE and the parent's DELETE; then deleting an expired parent
# (crates/orm/src/unit_of_work/tests_delete.rs). Run: python m2m_delete.py (SQLAlchemy 2.1.9).
from typing import List, Optional
from sqlalchemy import Column, ForeignKey, Table, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session

class Base(DeclarativeBase): pass

user_tags = Table(
    "user_tags", Base.metadata,
    Column("user_id", ForeignKey("users.id"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id"), primary_key=True),
)

class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    addresses: Mapped[List["Address"]] = relationship()
    tags: Mapped[List["Tag"]] = relationship(secondary=user_tags)

class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))

class Tag(Base):
    __tablename__ = "tags"
    id: Mapped[int] = mapped_column(primary_key=True)

engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with engine.begin() as c:
    c.exec_driver_sql("INSERT INTO users VALUES (1, 'u1'), (2, 'u2')")
    c.exec_driver_sql("INSERT INTO tags VALUES (1), (2)")
    c.exec_driver_sql("INSERT INTO addresses VALUES (1, 1), (2, 1), (3, 2)")
    c.exec_driver_sql("INSERT INTO user_tags VALUES (1, 1), (1, 2), (2, 1)")
engine.echo = True
s = Session(engine)
print("### delete a loaded parent")
u1 = s.get(User, 1)
s.delete(u1)
s.flush()
print("### delete an expired parent")
u2 = s.get(User, 2)
s.expire(u2)
s.delete(u2)
print("### flush")
s.flush()
s.commit()
