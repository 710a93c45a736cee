//! Python-level tests of `column_property()`: expressions of class-body columns selected
//! (labelled `anon_N`) before the entity's columns, read on objects as last loaded, reloaded
//! after expiry, and usable in queries. Expected output from CPython 3.11 + SQLAlchemy 2.1.9
//! running the same script.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::interp::run_for_test;

const SCRIPT: &str = r#"from sqlalchemy import String, create_engine, select, func
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, column_property, mapped_column

class Base(DeclarativeBase):
    pass

class Person(Base):
    __tablename__ = 'people'
    id: Mapped[int] = mapped_column(primary_key=True)
    first: Mapped[str] = mapped_column(String(30))
    last: Mapped[str] = mapped_column(String(30))
    full = column_property(first + ' ' + last)
    size = column_property(func.length(first) * 2)

engine = create_engine('sqlite://')
Base.metadata.create_all(engine)
print(select(Person))
with Session(engine) as s:
    p = Person(first='Ada', last='L')
    s.add(p)
    print(p.full)
    s.commit()
    print(p.full, p.size)
    p.first = 'Grace'
    print(p.full)
    s.commit()
    print(p.full, p.size)
    print(s.scalars(select(Person.full).order_by(Person.size.desc())).all())
    print(s.query(Person).filter(Person.size > 5).one().full)
    s.expunge_all()
    print(s.get(Person, 1).size)
    q = s.get(Person, 1)
    q.last = 'Hopper'
    s.commit()
    print(q.first, q.full)
"#;

const EXPECTED: &str = r#"SELECT people.first || :param_1 || people.last AS anon_1, length(people.first) * :length_1 AS anon_2, people.id, people.first, people.last 
FROM people
None
Ada L 6
Ada L
Grace L 10
['Grace L']
Grace L
10
Grace Grace Hopper
"#;

#[test]
fn column_property_selects_and_reloads_its_expression() {
    let (out, r) = run_for_test(SCRIPT);
    assert!(r.is_ok(), "{r:?}\n{out}");
    assert_eq!(out, EXPECTED);
}
