# Seed 003 (003_3b288ba134cb0f54.txt), "Raw SQL" as written, on an in-memory SQLite database:
# Engine.execute() was removed in SQLAlchemy 2.0.
from sqlalchemy import create_engine

db = create_engine("sqlite://")
db.execute("CREATE TABLE users (name text, age text, height text)")
