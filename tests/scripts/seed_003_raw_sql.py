# Seed 003 (003_3b288ba134cb0f54.txt), "Raw SQL", in SQLAlchemy 2.x form: SQL strings go through
# text() on a Connection, and commit as you go.
from sqlalchemy import create_engine, text

db = create_engine("sqlite:///seed003.db")
with db.connect() as conn:
    conn.execute(text("CREATE TABLE users (name text, age text, height text)"))
    conn.execute(text("INSERT INTO users VALUES ('Nicolas', '309', '1.70')"))
    conn.commit()

with db.connect() as conn:
    result = conn.execute(text("SELECT * FROM users"))
    print(result.keys())
    for row in result:
        print(row, row.name, row._mapping["age"])
