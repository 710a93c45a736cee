//! Python-level tests of `relationship(lazy="dynamic")` (an `AppenderQuery` with `append`,
//! `extend`, `remove`, `filter`, `count`, `order_by` after the relationship's own ordering,
//! indexing and iteration) and of a self-referential many-to-many declared with
//! `primaryjoin=` / `secondaryjoin=` whose two sides flush their own association rows.
//! Expected output from CPython 3.11 + SQLAlchemy 2.1.9 running the same script.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::interp::run_for_test;

const SCRIPT: &str = r#"from sqlalchemy import Column, ForeignKey, Integer, String, Table, create_engine
from sqlalchemy.orm import Session, declarative_base, relationship, subqueryload

Base = declarative_base()
links = Table('links', Base.metadata,
    Column('src', Integer, ForeignKey('node.id')),
    Column('dst', Integer, ForeignKey('node.id')))

class Node(Base):
    __tablename__ = 'node'
    id = Column(Integer, primary_key=True)
    name = Column(String(10))
    out = relationship('Node', secondary=links, primaryjoin=(links.c.src == id),
                       secondaryjoin=(links.c.dst == id), backref='into')
    notes = relationship('Note', lazy='dynamic', order_by='Note.id')
    def __repr__(self):
        return self.name

class Note(Base):
    __tablename__ = 'note'
    id = Column(Integer, primary_key=True)
    node_id = Column(ForeignKey('node.id'))
    text = Column(String(10))
    def __repr__(self):
        return self.text

engine = create_engine('sqlite://')
Base.metadata.create_all(engine)
s = Session(engine)
a, b, c = Node(name='a'), Node(name='b'), Node(name='c')
s.add_all([a, b, c])
s.commit()
print(b.into)
a.out.append(b)
s.commit()
print(b.into)
c.out.append(b)
b.out.append(c)
s.commit()
print(sorted(n.name for n in b.into), b.out, s.query(links).order_by(links.c.src).all())
q = a.notes
print(type(q).__name__, q.all(), q.count())
q.append(Note(text='n1'))
a.notes.extend([Note(text='n2'), Note(text='n3')])
print(a.notes.all(), a.notes.filter(Note.text != 'n2').count(), a.notes.order_by(Note.id.desc()).first())
a.notes.remove(a.notes.first())
s.commit()
print(list(a.notes), a.notes[1], s.query(Note).count())
"#;

const EXPECTED: &str = r#"[]
[a]
['a', 'c'] [c] [(1, 2), (2, 3), (3, 2)]
AppenderQuery [] 0
[n1, n2, n3] 2 n1
[n2, n3] n3 3
"#;

#[test]
fn dynamic_relationship_and_explicit_secondary_joins() {
    let (out, r) = run_for_test(SCRIPT);
    assert!(r.is_ok(), "{r:?}\n{out}");
    assert_eq!(out, EXPECTED);
}

/// A paging loop whose `page += 1` was left out runs the same query forever: every SQL
/// statement costs [`crate::budget::SQL_STATEMENT_STEPS`], so the run ends with the budget
/// error naming the loop's line after a few thousand queries, not tens of millions of steps.
#[test]
fn a_loop_of_queries_meets_the_step_budget() {
    let script = "from sqlalchemy import create_engine, select, literal\nfrom sqlalchemy.orm import Session\ns = Session(create_engine('sqlite://'))\nn = 0\nwhile True:\n    rows = s.execute(select(literal(1))).all()\n    n += 1\n";
    let mut py = crate::Interpreter::with_config(crate::interp::Config {
        budget: 1_000_000,
        ..crate::interp::Config::default()
    });
    let r = py.run(script);
    assert!(
        matches!(r, Err(crate::Error::BudgetExhausted { line: 5..=7, .. })),
        "{}",
        r.err().map(|e| e.to_string()).unwrap_or_default()
    );
    let n = match py.global("n") {
        Some(crate::Value::Int(k)) => k,
        _ => -1,
    };
    assert!((1..600).contains(&n), "{n} queries ran");
}
