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

#[test]
fn statements_compile_with_literal_binds_and_join_subqueries() {
    let (out, r) = run("from sqlalchemy import func
from sqlalchemy.orm import aliased
stmt = select(User.name).where(User.name.in_(['a', \"b'c\"]))
print(stmt.compile(compile_kwargs={'literal_binds': True}))
sub = select(Address.user_id, func.count(Address.id).label('n')).group_by(Address.user_id).subquery()
print(select(User.name, sub.c.n).outerjoin(sub, User.id == sub.c.user_id))
a1 = aliased(Address)
print(select(User.name).join(User.addresses.of_type(a1)))
");
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(
        out,
        "SELECT user_account.name \nFROM user_account \nWHERE user_account.name IN ('a', 'b''c')\n\
         SELECT user_account.name, anon_1.n \nFROM user_account LEFT OUTER JOIN \
         (SELECT address.user_id AS user_id, count(address.id) AS n \nFROM address GROUP BY address.user_id) \
         AS anon_1 ON user_account.id = anon_1.user_id\n\
         SELECT user_account.name \nFROM user_account JOIN address AS address_1 ON user_account.id = address_1.user_id\n"
    );
}

/// Golden: SQLAlchemy 2.1.9 (`inspect_registry_compile_echo.py` in the corpus).
#[test]
fn registry_states_properties_and_expressions_compile() {
    let (out, r) = run(
        "print(type(Base.registry).__name__, len(Base.registry.mappers))
print(sorted(m.class_.__name__ for m in Base.registry.mappers))
print(type(inspect(User(name='x'))).__name__, str(inspect(User)))
print(User.id.property.columns[0].name)
c = (User.name == 'x').compile()
print(type(c).__name__, c, c.params)
print((User.name == 'x').compile(engine))
",
    );
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(
        out,
        "registry 2\n\
         ['Address', 'User']\n\
         InstanceState Mapper[User(user_account)]\n\
         id\n\
         StrSQLCompiler user_account.name = :name_1 {'name_1': 'x'}\n\
         user_account.name = ?\n"
    );
}

/// Golden: SQLAlchemy 2.1.9 (`orm_bundle_select_echo.py` in the corpus).
#[test]
fn a_bundle_is_one_nested_row() {
    let (out, r) = run("from sqlalchemy.orm import Bundle
with Session(engine) as s:
    s.add(User(id=1, name='a'))
    s.commit()
    r = s.execute(select(Bundle('u', User.name, User.id), User.name.label('n')))
    print(r.keys())
    row = r.one()
    print(row, row.u.name, row.u._fields)
    print(s.scalars(select(Bundle('u', User.name))).all())
");
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(
        out,
        "RMKeyView(['u', 'n'])\n\
         (('a', 1), 'a') a ('name', 'id')\n\
         [('a',)]\n"
    );
}
