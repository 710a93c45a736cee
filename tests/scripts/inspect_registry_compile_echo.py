# from https://docs.sqlalchemy.org/en/20/orm/mapping_api.html#sqlalchemy.orm.registry
# and https://docs.sqlalchemy.org/en/20/faq/sqlexpressions.html#how-do-i-render-sql-expressions-as-strings-possibly-with-bound-parameters-inlined
# The declarative base's registry, an object's InstanceState, a column property's
# columns, and compiling a column expression on its own.
from sqlalchemy import create_engine, inspect, select, String, ForeignKey
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "user_account"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    fullname: Mapped[str]


class Pet(Base):
    __tablename__ = "pet"
    id: Mapped[int] = mapped_column(primary_key=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    owner: Mapped[User] = relationship()


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

reg = Base.registry
print(type(reg).__name__, reg.metadata is Base.metadata)
print(len(reg.mappers), sorted(m.class_.__name__ for m in reg.mappers))
print(inspect(Pet) in reg.mappers, str(inspect(Pet)))

class Other(DeclarativeBase):
    pass

print(Other.registry.mappers)

u = User(name="spongebob", fullname="Spongebob Squarepants")
state = inspect(u)
print(type(state).__name__, type(u._sa_instance_state).__name__)
print(state.transient, state.pending, state.persistent)

print(User.id.property.columns)
print(User.name.property.columns[0].type, User.name.property.columns[0].table.name)

expr = User.name == "spongebob"
compiled = expr.compile()
print(type(compiled).__name__, compiled, compiled.params)
print(expr.compile(engine))
print(type(expr.compile(engine)).__name__)
both = (User.id > 5) & User.fullname.like("%Squarepants")
print(both.compile(), both.compile().params)
stmt = select(User).where(expr)
print(stmt.compile().params, type(stmt.compile()).__name__)
