//! Unit tests of `synonym()`, `association_proxy()`, `composite()` and of `filter_by()`
//! naming descriptors (natively and on wasm32).

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::interp::run_for_test;

#[test]
fn a_synonym_reads_writes_and_queries_its_attribute() {
    let (out, r) = run_for_test(
        "from sqlalchemy import select
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, synonym
class Base(DeclarativeBase):
    pass
class Job(Base):
    __tablename__ = 'jobs'
    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str]
    state = synonym('status')
    @hybrid_property
    def shout(self):
        return self.status + '!'
j = Job(state='new')
print(j.status, j.state)
j.state = 'done'
print(j.status)
print(select(Job.id).where(Job.state == 'x'))
print(select(Job).filter_by(shout='a!'))
",
    );
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(
        out,
        "new new\ndone\nSELECT jobs.id \nFROM jobs \nWHERE jobs.status = :status_1\n\
         SELECT jobs.id, jobs.status \nFROM jobs \nWHERE (jobs.status || :status_1) = :param_1\n"
    );
}

#[test]
fn an_association_proxy_views_and_extends_its_collection() {
    let (out, r) = run_for_test(
        "from typing import List
from sqlalchemy import ForeignKey
from sqlalchemy.ext.associationproxy import association_proxy
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
class Base(DeclarativeBase):
    pass
class Note(Base):
    __tablename__ = 'notes'
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str]
    user_id: Mapped[int] = mapped_column(ForeignKey('users.id'))
    def __init__(self, text):
        self.text = text
class User(Base):
    __tablename__ = 'users'
    id: Mapped[int] = mapped_column(primary_key=True)
    notes: Mapped[List[Note]] = relationship()
    texts = association_proxy('notes', 'text')
u = User()
u.texts.append('a')
u.texts.extend(['b', 'c'])
u.texts.remove('b')
print(u.texts, len(u.texts), 'c' in u.texts, u.texts[-1], len(u.notes))
u.texts = ['z']
print(u.texts == ['z'], [n.text for n in u.notes])
",
    );
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(out, "['a', 'c'] 2 True c 2\nTrue ['z']\n");
}

#[test]
fn a_composite_reads_writes_and_compares_its_columns() {
    let (out, r) = run_for_test(
        "import dataclasses
from sqlalchemy import select
from sqlalchemy.orm import DeclarativeBase, Mapped, composite, mapped_column
@dataclasses.dataclass
class P:
    x: int
    y: int
class Base(DeclarativeBase):
    pass
class V(Base):
    __tablename__ = 'v'
    id: Mapped[int] = mapped_column(primary_key=True)
    a: Mapped[P] = composite(mapped_column('ax'), mapped_column('ay'))
v = V(a=P(1, 2))
print(v.a, v.ax, v.ay)
v.a = P(3, 4)
print(v.ax, list(V.__table__.c.keys()))
print(select(V.id).where(V.a == P(5, 6)))
",
    );
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(
        out,
        "P(x=1, y=2) 1 2\n3 ['id', 'ax', 'ay']\nSELECT v.id \nFROM v \nWHERE v.ax = :ax_1 AND v.ay = :ay_1\n"
    );
}
