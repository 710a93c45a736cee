# The json module as tutorials use it, and SQLAlchemy's JSON column type: values are
# serialized on the way in (None as JSON null, unset columns left out of the INSERT), parsed
# on the way out, and the same dict comes back while it is unchanged.
import json

from sqlalchemy import JSON, create_engine, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column


class Base(DeclarativeBase):
    pass


class Doc(Base):
    __tablename__ = "docs"
    id: Mapped[int] = mapped_column(primary_key=True)
    data = mapped_column(JSON)
    extra: Mapped[dict] = mapped_column(JSON, nullable=True)

    def to_dict(self):
        return {"id": self.id, "data": self.data, "extra": self.extra}


engine = create_engine("sqlite://", echo=True)
Base.metadata.create_all(engine)
with Session(engine) as session:
    d = Doc(data={"a": [1, 2.5, None, True], "é": "ü", "n": {"x": 1}}, extra=None)
    session.add(d)
    session.add(Doc(data=[1, "two"]))
    session.add(Doc())
    session.commit()
    print(d.data, d.extra)
    print(session.execute(text("SELECT data, extra FROM docs ORDER BY id")).all())
    same = d.data is d.data
    d.data["a"].append(3)
    print(same, session.dirty)
    d.data = dict(d.data, b=1)
    session.commit()
    print(json.dumps(d.to_dict(), indent=2, sort_keys=True))
    print([doc.data for doc in session.scalars(select(Doc).order_by(Doc.id))])

print(json.dumps({"a": 1, "b": [1, 2.0, None, True, "x\n\u00e9"], 3: "y"}))
print(json.dumps([1, {}], indent=4), json.dumps("é", ensure_ascii=False), json.dumps((1, 2)))
print(json.dumps({"k": 1.5}, separators=(",", ":")))
print(json.loads('{"a": [1, 2.5e3, null, true, false, "\\u00e9"], "b": {}}'))
for bad in ["{bad", "[1, 2", "", '{"a": 1} x']:
    try:
        json.loads(bad)
    except json.JSONDecodeError as err:
        print(type(err).__name__, err, isinstance(err, ValueError))
try:
    json.dumps({"a": object()})
except TypeError as err:
    print(err)
print(json.dumps({"when": object()}, default=lambda o: "?"))
