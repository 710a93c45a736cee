# Seed 003 (003_3b288ba134cb0f54.txt), first snippet: the "postgres://" scheme was renamed
# "postgresql://"; SQLAlchemy 1.4 and later reject it.
from sqlalchemy import create_engine

db = create_engine("postgres://username:password@host/database_name")
