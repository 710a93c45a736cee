//! Unit tests of `scoped_session` and of session attributes (`info`, `is_active`,
//! `connection()`, `object_session()`) (natively and on wasm32).

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::interp::run_for_test;

const MODEL: &str = "from sqlalchemy import create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, scoped_session, sessionmaker
engine = create_engine('sqlite://')
Session = scoped_session(sessionmaker(bind=engine))
class Base(DeclarativeBase):
    pass
class User(Base):
    __tablename__ = 'users'
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    query = Session.query_property()
Base.metadata.create_all(engine)
";

#[test]
fn the_registry_holds_one_session_until_remove() {
    let (out, r) = run_for_test(&format!(
        "{MODEL}s = Session()
print(s is Session())
Session.add(User(name='a'))
Session.commit()
print(User.query.count())
Session.remove()
print(Session() is s)
try:
    Session(autoflush=False)
except Exception as e:
    print(type(e).__name__)
"
    ));
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(out, "True\n1\nFalse\nInvalidRequestError\n");
}

#[test]
fn a_scopefunc_is_named_as_unsupported() {
    let (out, r) = run_for_test(&format!(
        "{MODEL}try:
    scoped_session(sessionmaker(bind=engine), scopefunc=id)
except NotImplementedError as e:
    print(e)
"
    ));
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(
        out,
        "scoped_session(scopefunc=...) is not supported by Retort yet\n"
    );
}

#[test]
fn session_info_is_active_connection_and_object_session() {
    let (out, r) = run_for_test(&format!(
        "{MODEL}from sqlalchemy import text
from sqlalchemy.orm import Session, object_session
s = Session(engine)
s.info['k'] = 1
u = User(name='a')
s.add(u)
print(s.info, s.is_active, object_session(u) is s)
print(s.connection().execute(text('SELECT 1')).scalar())
"
    ));
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(out, "{'k': 1} True True\n1\n");
}
