//! Unit tests of relationship configuration: `lazy="joined", innerjoin=True`,
//! `order_by="desc(...)"`, `overlaps=` (natively and on wasm32).

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::interp::run_for_test;

#[test]
fn relationship_innerjoin_and_desc_order_by_strings() {
    let (out, r) = run_for_test(
        "from typing import List
from sqlalchemy import ForeignKey, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
class Base(DeclarativeBase):
    pass
class A(Base):
    __tablename__ = 'a'
    id: Mapped[int] = mapped_column(primary_key=True)
    bs: Mapped[List['B']] = relationship(order_by='desc(B.n)', overlaps='a')
class B(Base):
    __tablename__ = 'b'
    id: Mapped[int] = mapped_column(primary_key=True)
    n: Mapped[int]
    a_id: Mapped[int] = mapped_column(ForeignKey('a.id'))
    a: Mapped[A] = relationship(lazy='joined', innerjoin=True)
print(select(B))
print(A.bs.property.order_by)
",
    );
    assert!(r.is_ok(), "{r:?}");
    assert!(
        out.starts_with(
            "SELECT b.id, b.n, b.a_id, a_1.id AS id_1 \nFROM b JOIN a AS a_1 ON a_1.id = b.a_id\n"
        ),
        "{out}"
    );
}
