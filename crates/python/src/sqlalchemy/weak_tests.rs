//! Tests of the weak identity map as scripts see it (expected outputs from CPython 3.11 +
//! SQLAlchemy 2.1.9).

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::interp::run_for_test;

const MODEL: &str = "from typing import List, Optional
from sqlalchemy import ForeignKey, create_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session
class Base(DeclarativeBase):
    pass
class User(Base):
    __tablename__ = 'u'
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    addresses: Mapped[List['Address']] = relationship(back_populates='user')
class Address(Base):
    __tablename__ = 'a'
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey('u.id'))
    user: Mapped[Optional[User]] = relationship(back_populates='addresses')
engine = create_engine('sqlite://')
Base.metadata.create_all(engine)
s = Session(engine)
s.add(User(name='a', addresses=[Address(email='x'), Address(email='y')]))
s.commit()
";

fn run(src: &str) -> String {
    let (out, r) = run_for_test(&format!("{MODEL}{src}"));
    assert!(r.is_ok(), "{r:?}");
    out
}

#[test]
fn unreferenced_clean_objects_leave_the_identity_map() {
    let out = run("print(len(s.identity_map))
u = s.get(User, 1)
print(len(s.identity_map), len(u.addresses), len(s.identity_map))
del u
print(len(s.identity_map))
");
    assert_eq!(out, "0\n1 2 3\n0\n");
}

#[test]
fn a_held_collection_keeps_its_members_and_their_changes() {
    let out = run("addrs = s.get(User, 1).addresses
addrs[0].email = 'changed'
s.commit()
print(s.get(Address, 1).email, [a.email for a in addrs])
");
    assert_eq!(out, "changed ['changed', 'y']\n");
}
