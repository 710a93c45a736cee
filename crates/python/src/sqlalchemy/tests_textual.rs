//! Unit tests of `select(Entity).from_statement(text(...))` and `update(...).returning(Entity)`
//! run by the session (natively and on wasm32).

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::interp::run_for_test;

#[test]
fn select_from_statement_hydrates_objects_from_text() {
    let (out, r) = run_for_test(
        "from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
class Base(DeclarativeBase):
    pass
class U(Base):
    __tablename__ = 'u'
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    def __repr__(self):
        return f'U({self.name})'
engine = create_engine('sqlite://')
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add_all([U(name='a'), U(name='b')])
    s.commit()
    stmt = select(U).from_statement(text('SELECT * FROM u WHERE name = :n'))
    print(s.execute(stmt, {'n': 'b'}).scalar_one(), s.scalars(select(U).from_statement(text('SELECT id, name FROM u'))).all())
",
    );
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(out, "U(b) [U(a), U(b)]\n");
}

#[test]
fn update_returning_the_entity_gives_the_sessions_objects() {
    let (out, r) = run_for_test(
        "from sqlalchemy import create_engine, insert, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
class Base(DeclarativeBase):
    pass
class U(Base):
    __tablename__ = 'u'
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
engine = create_engine('sqlite://')
Base.metadata.create_all(engine)
with Session(engine) as s:
    us = s.scalars(insert(U).returning(U), [{'name': 'a'}, {'name': 'b'}]).all()
    got = s.scalars(update(U).where(U.name == 'b').values(name='c').returning(U)).all()
    print(got[0] is us[1], got[0].name)
",
    );
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(out, "True c\n");
}
