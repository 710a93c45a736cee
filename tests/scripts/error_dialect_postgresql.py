# An unsupported dialect URL: postgresql:// loads the dialect, whose default DBAPI in
# SQLAlchemy 2.1 is psycopg (3); the driver is not installed, so create_engine() raises
# ModuleNotFoundError (uncaught).
from sqlalchemy import create_engine

engine = create_engine("postgresql://scott:tiger@localhost/test")
