//! Unit tests of the bridge's inspection, loader options, echo modes and compilation
//! (natively and on wasm32).

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::Error;
use crate::interp::run_for_test;

const MODEL: &str = "from sqlalchemy import create_engine, select, inspect, String, ForeignKey
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session
from typing import List, Optional

class Base(DeclarativeBase):
    pass

class User(Base):
    __tablename__ = 'user_account'
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    addresses: Mapped[List['Address']] = relationship(back_populates='user')

class Address(Base):
    __tablename__ = 'address'
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id = mapped_column(ForeignKey('user_account.id'))
    user: Mapped[User] = relationship(back_populates='addresses')

engine = create_engine('sqlite://')
Base.metadata.create_all(engine)
";

fn run(src: &str) -> (String, Result<(), Error>) {
    run_for_test(&format!("{MODEL}{src}"))
}

#[test]
fn the_inspector_reflects_the_database() {
    let (out, r) = run("insp = inspect(engine)
print(insp.get_table_names())
print([(c['name'], str(c['type']), c['nullable']) for c in insp.get_columns('user_account')])
print(insp.get_foreign_keys('address')[0]['referred_table'], insp.get_pk_constraint('address'))
");
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(
        out,
        "['address', 'user_account']\n\
         [('id', 'INTEGER', False), ('name', 'VARCHAR(30)', False)]\n\
         user_account {'constrained_columns': ['id'], 'name': None}\n"
    );
    let (_, r) = run("inspect(engine).get_columns('nope')\n");
    assert!(
        matches!(r, Err(Error::Uncaught { class_name, .. }) if class_name == "NoSuchTableError")
    );
}

#[test]
fn a_mapper_lists_its_properties() {
    let (out, r) = run("m = inspect(User)
print(m.attrs.keys(), m.column_attrs.keys(), m.primary_key)
print(m.relationships.addresses.direction, m.relationships.addresses.mapper)
");
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(
        out,
        "['addresses', 'id', 'name'] ['id', 'name'] \
         (Column('id', Integer(), table=<user_account>, primary_key=True, nullable=False),)\n\
         RelationshipDirection.ONETOMANY Mapper[Address(address)]\n"
    );
}
