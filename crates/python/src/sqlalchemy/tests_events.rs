//! Unit tests of ORM events (session, mapper and instance listeners) and of the column
//! order of mixins (natively and on wasm32).

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::interp::run_for_test;

const MODEL: &str = "from typing import Optional
from sqlalchemy import create_engine, event, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, Session
class Base(DeclarativeBase):
    pass
class Stamp:
    stamp: Mapped[Optional[int]]
class User(Stamp, Base):
    __tablename__ = 'users'
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
engine = create_engine('sqlite://')
Base.metadata.create_all(engine)
";

#[test]
fn mapper_and_session_listeners_run_around_the_flush() {
    let (out, r) = run_for_test(&format!(
        "{MODEL}@event.listens_for(Base, 'before_insert', propagate=True)
def bi(mapper, connection, target):
    target.stamp = 7
    print('before_insert', target.name)
@event.listens_for(Session, 'before_flush')
def bf(session, ctx, instances):
    print('before_flush', len(session.new))
@event.listens_for(Session, 'after_commit')
def ac(session):
    print('after_commit')
@event.listens_for(User, 'load')
def ld(target, context):
    print('load', target.name)
with Session(engine) as s:
    s.add(User(name='a'))
    s.commit()
with Session(engine) as s:
    print(s.scalars(select(User)).one().stamp)
print(list(User.__table__.c.keys()))
"
    ));
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(
        out,
        "before_flush 1\nbefore_insert a\nafter_commit\nload a\n7\n['id', 'name', 'stamp']\n"
    );
}

#[test]
fn init_listeners_run_before_the_constructor() {
    let (out, r) = run_for_test(&format!(
        "{MODEL}def on_init(target, args, kwargs):
    print('init', kwargs)
event.listen(User, 'init', on_init)
u = User(name='x')
print(u.name)
try:
    event.listen(User, 'refresh_flush', on_init)
except NotImplementedError as e:
    print(e)
"
    ));
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(
        out,
        "init {'name': 'x'}\nx\nthe mapper event \"refresh_flush\" is not supported by Retort yet\n"
    );
}

#[test]
fn attribute_set_listeners_see_old_values_and_may_replace_the_value() {
    let (out, r) = run_for_test(&format!(
        "{MODEL}@event.listens_for(User.name, 'set', retval=True)
def up(target, value, oldvalue, initiator):
    print(repr(oldvalue))
    return value.upper()
u = User(name='a')
u.name = 'b'
print(u.name)
try:
    event.listen(User.name, 'append', up)
except NotImplementedError as e:
    print(e)
"
    ));
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(
        out,
        "<LoaderCallableStatus.NO_VALUE: 4>\n'A'\nB\nthe attribute event \"append\" of a column attribute is not supported by Retort yet\n"
    );
}
