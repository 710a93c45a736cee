# sqlalchemy.inspect() through an object's lifecycle, printed as a learner would: the five state
# flags at each step (transient, pending, persistent, deleted, detached), identity, has_identity,
# was_deleted, expunge(), make_transient(), and the key sets of inspect(obj).attrs.
from sqlalchemy import String, create_engine, inspect
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, make_transient, mapped_column


class Base(DeclarativeBase):
    pass


class Book(Base):
    __tablename__ = "book"
    isbn: Mapped[str] = mapped_column(String(13), primary_key=True)
    title: Mapped[str]

    def __repr__(self):
        return f"Book(isbn={self.isbn!r}, title={self.title!r})"


def report(label, obj):
    st = inspect(obj)
    flags = [name for name in ("transient", "pending", "persistent", "deleted", "detached") if getattr(st, name)]
    print(f"{label:<28} {flags} identity={st.identity} has_identity={st.has_identity} was_deleted={st.was_deleted}")


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

book = Book(isbn="9780134685991", title="Effective Java")
report("new object", book)
session = Session(engine)
session.add(book)
report("after add", book)
print(inspect(book).session is session, book in session)
session.flush()
report("after flush", book)
print(inspect(book).key)
session.commit()
report("after commit", book)
print(sorted(inspect(book).unloaded))
print(book.title)
print(sorted(inspect(book).unloaded), inspect(book).expired)

session.expunge(book)
report("after expunge", book)
print(book in session, inspect(book).session)
book.title = "Effective Java, 3rd ed."
print(inspect(book).modified, inspect(book).attrs.title.history)
session.add(book)
report("added back", book)
print(session.dirty)
session.commit()

session.delete(book)
report("after delete()", book)
session.flush()
report("after flush of delete", book)
print(book in session, list(session.deleted))
session.commit()
report("after commit of delete", book)

make_transient(book)
report("after make_transient", book)
session.add(book)
report("re-added", book)
session.commit()
print(session.get(Book, "9780134685991"))
session.close()
report("after close", book)
print([a.key for a in inspect(book).attrs])
print(inspect(Book).primary_key, inspect(book).mapper is inspect(Book))
