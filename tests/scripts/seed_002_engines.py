# Seed 002 (002_7a6685c1f7a3ce8e.txt), "Engines and Sessions": the three engines of the notes.
# Only sqlite is available; the other URLs need DBAPI drivers that are not installed, and
# `encoding=` was removed from create_engine() in SQLAlchemy 2.0.
from sqlalchemy import create_engine
engine = create_engine('sqlite:///:memory:')
print(engine)
print(engine.url, engine.dialect.name, engine.driver)

for make in (
    lambda: create_engine("postgresql://scott:tiger@localhost/test"),
    lambda: create_engine("mysql://scott:tiger@hostname/test", encoding='latin1', echo=True),
    lambda: create_engine("mysql://scott:tiger@hostname/test", echo=True),
    lambda: create_engine("sqlite:///:memory:", encoding='latin1', echo=True),
):
    try:
        make()
    except Exception as e:
        print(type(e).__module__, type(e).__name__, e)

from sqlalchemy.orm import sessionmaker
Session = sessionmaker(bind=engine)

some_session = Session()
print(some_session.get_bind())
