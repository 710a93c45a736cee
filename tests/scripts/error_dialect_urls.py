# Dialect URLs that cannot load, caught and printed: unknown backend names, a driver that is
# not installed, and a malformed URL.
from sqlalchemy import create_engine

for url in [
    "postgresql+psycopg2://scott:tiger@localhost/test",
    "mysql+pymysql://scott:tiger@localhost/test",
    "oracle://scott:tiger@localhost/test",
    "foo://user@host/db",
    "sqlite+nosuchdriver://",
    "not a url",
    "sqlite:///:memory:",
]:
    try:
        engine = create_engine(url)
        print(url, "->", engine)
    except Exception as e:
        print(url, "->", f"{type(e).__module__}.{type(e).__name__}: {e}")
