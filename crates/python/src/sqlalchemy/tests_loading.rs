//! Python-level tests of loader options: `str()` of a select with joined eager loads, a
//! chained option that does not link, `selectinload` / `joinedload` overriding `lazy="raise"`
//! for the legacy `Query` and 2.0 results (`unique()`). Expected output from CPython 3.11 +
//! SQLAlchemy 2.1.9 running the same script.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::interp::run_for_test;

const SCRIPT: &str = r#"from sqlalchemy import create_engine, select, String, ForeignKey
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session
from sqlalchemy.orm import selectinload, joinedload, contains_eager, raiseload
from typing import List, Optional

class Base(DeclarativeBase):
    pass

class User(Base):
    __tablename__ = 'user_account'
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    addresses: Mapped[List['Address']] = relationship(back_populates='user', lazy='raise')

class Address(Base):
    __tablename__ = 'address'
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id = mapped_column(ForeignKey('user_account.id'))
    user: Mapped[User] = relationship(back_populates='addresses')

engine = create_engine('sqlite://')
Base.metadata.create_all(engine)
print(select(User).options(joinedload(User.addresses)))
print(select(Address).options(joinedload(Address.user, innerjoin=True)))
try:
    joinedload(Address.user).joinedload(Address.user)
except Exception as e:
    print(type(e).__name__, e)
with Session(engine) as s:
    s.add(User(name='a', addresses=[Address(email='x'), Address(email='y')]))
    s.commit()
with Session(engine) as s:
    u = s.scalars(select(User).options(selectinload(User.addresses))).one()
    print([a.email for a in u.addresses])
    s.expunge_all()
    u = s.query(User).options(joinedload(User.addresses)).one()
    print([a.email for a in u.addresses], [a.user is u for a in u.addresses])
    s.expunge_all()
    u = s.execute(select(User).options(joinedload(User.addresses))).unique().scalar_one()
    print(len(u.addresses))
"#;

const EXPECTED: &str = r#"SELECT user_account.id, user_account.name, address_1.id AS id_1, address_1.email, address_1.user_id 
FROM user_account LEFT OUTER JOIN address AS address_1 ON user_account.id = address_1.user_id
SELECT address.id, address.email, address.user_id, user_account_1.id AS id_1, user_account_1.name 
FROM address JOIN user_account AS user_account_1 ON user_account_1.id = address.user_id
ArgumentError ORM mapped entity or attribute "Address.user" does not link from relationship "Address.user".
['x', 'y']
['x', 'y'] [True, True]
2
"#;

#[test]
fn loader_options_print_load_and_override_lazy_raise() {
    let (out, r) = run_for_test(SCRIPT);
    assert!(r.is_ok(), "{r:?}\n{out}");
    assert_eq!(out, EXPECTED);
}
