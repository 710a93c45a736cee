# from https://docs.sqlalchemy.org/en/20/core/constraints.html ("Configuring Constraint Naming
# Conventions"), with echo=True to show the names in CREATE TABLE
from sqlalchemy import (
    MetaData, Table, Column, Integer, String, ForeignKey, UniqueConstraint, CheckConstraint,
    create_engine,
)
from sqlalchemy.schema import CreateTable

convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata_obj = MetaData(naming_convention=convention)
user_table = Table(
    "user",
    metadata_obj,
    Column("id", Integer, primary_key=True),
    Column("name", String(30), nullable=False),
    Column("email", String(50), unique=True),
    Column("nickname", String(30), index=True),
    UniqueConstraint("name"),
    CheckConstraint("length(name) > 2", name="name_length"),
)
address_table = Table(
    "address",
    metadata_obj,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("user.id"), nullable=False),
    Column("email", String(50), CheckConstraint("email LIKE '%@%'", name="has_at")),
)
print(CreateTable(user_table))
engine = create_engine("sqlite://", echo=True)
metadata_obj.create_all(engine)

# without a convention the constraints stay unnamed
plain = MetaData()
t = Table("t", plain, Column("id", Integer, primary_key=True), Column("x", Integer, unique=True))
print(CreateTable(t))
