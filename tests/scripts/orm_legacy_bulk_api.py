# The legacy bulk API of older tutorials' performance sections: bulk_save_objects() (the
# objects stay transient), bulk_insert_mappings() and bulk_update_mappings(), none of which
# flushes or touches the session; then legacy Query forms (count, joinedload, update with
# synchronize_session="fetch", with_entities, Query.get with its LegacyAPIWarning).
from sqlalchemy import ForeignKey, String, create_engine, select, func
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship, joinedload


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    age: Mapped[int] = mapped_column(default=0)
    addresses: Mapped[list["Address"]] = relationship(back_populates="user")


class Address(Base):
    __tablename__ = "addresses"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped[User] = relationship(back_populates="addresses")


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.bulk_save_objects([User(name="a"), User(name="b", age=3)])
    s.bulk_insert_mappings(User, [{"name": "c"}, {"name": "d", "age": 9}])
    s.bulk_insert_mappings(Address, [{"email": "a@x", "user_id": 1}, {"email": "c@x", "user_id": 3}])
    s.commit()
    s.bulk_update_mappings(User, [{"id": 1, "age": 40}, {"id": 2, "age": 41}])
    s.commit()
    print(s.query(User.name, User.age).order_by(User.id).all())
    print(s.query(func.count(User.id)).scalar(), s.query(User).count())
    u = s.query(User).options(joinedload(User.addresses)).filter(User.name == "a").one()
    print(u.name, [a.email for a in u.addresses])
    print(s.query(User).filter(User.age > 5).update({"age": User.age + 1}, synchronize_session="fetch"))
    print(s.query(Address).join(Address.user).filter(User.name == "c").with_entities(Address.email, User.name).all())
    print(s.query(User).get(2).name)
    print([x.name for x in s.query(User).order_by(User.name.desc()).limit(2).offset(1)])
    s.bulk_save_objects([User(name="e"), User(name="f", age=2)])
    s.commit()
    print(s.query(User.name, User.age).order_by(User.id).all())
