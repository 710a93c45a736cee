//! Unit tests of the bridge: declarative mapping, the default constructor, sessions,
//! queries, the echo log, exceptions and unsupported constructs (natively and on wasm32).

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::Error;
use crate::interp::run_for_test;

const MODEL: &str = "from sqlalchemy import create_engine, select, String, ForeignKey
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session
from typing import List, Optional

class Base(DeclarativeBase):
    pass

class User(Base):
    __tablename__ = 'user_account'
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    fullname: Mapped[Optional[str]]
    addresses: Mapped[List['Address']] = relationship(back_populates='user')
    def __repr__(self):
        return f'User({self.id!r}, {self.name!r})'

class Address(Base):
    __tablename__ = 'address'
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    user_id = mapped_column(ForeignKey('user_account.id'))
    user: Mapped[User] = relationship(back_populates='addresses')

engine = create_engine('sqlite://')
Base.metadata.create_all(engine)
";

fn run(src: &str) -> (String, Result<(), Error>) {
    run_for_test(&format!("{MODEL}{src}"))
}

fn uncaught(r: Result<(), Error>) -> (String, String) {
    match r {
        Err(Error::Uncaught {
            class_name,
            message,
            ..
        }) => (class_name, message),
        other => panic!("expected an uncaught exception, got {other:?}"),
    }
}

#[test]
fn declarative_classes_map_at_class_creation() {
    let (out, r) = run("print(User.__table__.c.keys(), User.__mapper__, User.name)\n");
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(
        out,
        "['id', 'name', 'fullname'] Mapper[User(user_account)] User.name\n"
    );
}

#[test]
fn the_default_constructor_takes_mapped_keywords_only() {
    let (out, r) = run("u = User(name='ed')\nprint(u, u.fullname)\n");
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(out, "User(None, 'ed') None\n");
    let (_, r) = run("User(nickname='x')\n");
    assert_eq!(
        uncaught(r),
        (
            "TypeError".into(),
            "'nickname' is an invalid keyword argument for User".into()
        )
    );
}

#[test]
fn objects_round_trip_through_a_session() {
    let src = "with Session(engine) as s:
    s.add(User(name='ed', addresses=[Address(email='ed@x')]))
    print(s.new)
    s.commit()
    u = s.scalars(select(User).where(User.name == 'ed')).one()
    print(u, [a.email for a in u.addresses], u.addresses[0].user is u)
";
    let (out, r) = run(src);
    assert!(r.is_ok(), "{r:?}");
    assert!(
        out.starts_with("IdentitySet([User(None, 'ed'), <__main__.Address object at 0x"),
        "{out}"
    );
    assert!(out.ends_with("User(1, 'ed') ['ed@x'] True\n"), "{out}");
}

#[test]
fn commit_expires_the_instance_dict() {
    let src = "s = Session(engine)
u = User(name='ed')
print(list(u.__dict__))
s.add(u)
s.commit()
print(list(u.__dict__))
print(u.name, sorted(u.__dict__))
";
    let (out, r) = run(src);
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(
        out,
        "['_sa_instance_state', 'name']\n['_sa_instance_state']\ned ['_sa_instance_state', 'fullname', 'id', 'name']\n"
    );
}

#[test]
fn echo_streams_the_log_in_order_with_print() {
    let src = "from sqlalchemy import text, create_engine
e = create_engine('sqlite://', echo=True)
with e.connect() as c:
    print('before')
    print(c.execute(text('select 1')).scalar())
";
    let (out, r) = run_for_test(src);
    assert!(r.is_ok(), "{r:?}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 6, "{out}");
    assert_eq!(lines[0], "before");
    assert!(lines[1].ends_with(" INFO sqlalchemy.engine.Engine BEGIN (implicit)"));
    assert!(lines[2].ends_with(" INFO sqlalchemy.engine.Engine select 1"));
    assert_eq!(lines[4], "1");
    assert!(lines[5].ends_with(" INFO sqlalchemy.engine.Engine ROLLBACK"));
}

#[test]
fn integrity_errors_are_catchable_sqlalchemy_exceptions() {
    let src = "from sqlalchemy.exc import IntegrityError, SQLAlchemyError
s = Session(engine)
s.add(User(id=1, name='a'))
s.commit()
s.add(User(id=1, name='b'))
try:
    s.commit()
except IntegrityError as e:
    print(isinstance(e, SQLAlchemyError), type(e).__module__, e.orig)
";
    let (out, r) = run(src);
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(
        out,
        "True sqlalchemy.exc UNIQUE constraint failed: user_account.id\n"
    );
}

#[test]
fn other_databases_fail_as_sqlalchemy_does_without_their_driver() {
    let (_, r) = run_for_test(
        "from sqlalchemy import create_engine\ncreate_engine('postgresql://u@h/db')\n",
    );
    assert_eq!(
        uncaught(r),
        (
            "ModuleNotFoundError".into(),
            "No module named 'psycopg'".into()
        )
    );
}

#[test]
fn unsupported_constructs_raise_not_implemented_error() {
    // A subquery load below a relationship loaded another way.
    let (_, r) = run(
        "from sqlalchemy.orm import Session, selectinload, subqueryload
with Session(engine) as s:
    s.add(User(name='ed', addresses=[Address(email='e@x')]))
    s.commit()
    opt = selectinload(User.addresses).subqueryload(Address.user)
    s.scalars(select(User).options(opt)).all()
",
    );
    let (class, message) = uncaught(r);
    assert_eq!(class, "NotImplementedError");
    assert!(message.contains("subqueryload()"), "{message}");
    let (_, r) = run("select(User).options(1)\n");
    let (class, message) = uncaught(r);
    assert_eq!(class, "NotImplementedError");
    assert!(message.contains("loader options"), "{message}");
}

#[test]
fn callable_defaults_and_datetimes_round_trip() {
    let src = "from datetime import datetime
from sqlalchemy import Column, Integer, DateTime
from sqlalchemy.orm import declarative_base
B = declarative_base()
class Ev(B):
    __tablename__ = 'ev'
    id = Column(Integer, primary_key=True)
    at = Column(DateTime, default=lambda: datetime(2024, 1, 31, 12, 30, 0, 5))
B.metadata.create_all(engine)
with Session(engine) as s:
    e = Ev()
    s.add(e)
    s.commit()
    print(repr(e.at), e.at.microsecond)
";
    let (out, r) = run(src);
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(out, "datetime.datetime(2024, 1, 31, 12, 30, 0, 5) 5\n");
}

#[test]
fn numerics_are_decimals_and_indexes_and_configure_work() {
    let src = "from decimal import Decimal
from sqlalchemy import Column, Integer, Numeric, Index
from sqlalchemy.orm import declarative_base, sessionmaker
B = declarative_base()
class P(B):
    __tablename__ = 'p'
    id = Column(Integer, primary_key=True)
    price = Column(Numeric(10, 2))
    __table_args__ = (Index('ix_price', 'price'),)
B.metadata.create_all(engine)
S = sessionmaker()
S.configure(bind=engine)
s = S()
p = P(price=Decimal('9.99'))
s.add(p)
s.commit()
print(repr(p.price))
";
    let (out, r) = run(src);
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(out, "Decimal('9.99')\n");
}

#[test]
fn print_writes_each_argument_as_it_is_converted() {
    // CPython's print: text written before a failing str() stays written.
    let src = "class A:\n    def __repr__(self):\n        raise ValueError('x')\ntry:\n    print('a', A())\nexcept ValueError:\n    print('!')\n";
    let (out, r) = run_for_test(src);
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(out, "a !\n");
}

#[test]
fn expressions_print_as_sqlalchemy_compiles_them() {
    let (out, r) = run("print(User.name == None, (User.id > 5) | (User.name == 'ed'))\n");
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(
        out,
        "user_account.name IS NULL user_account.id > :id_1 OR user_account.name = :name_1\n"
    );
}

#[test]
fn foreign_keys_and_remote_side_name_class_body_columns() {
    let src = "from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base
B = declarative_base()
class Addr(B):
    __tablename__ = 'addr'
    id = Column(Integer, primary_key=True)
    street = Column(String)
class Cust(B):
    __tablename__ = 'cust'
    id = Column(Integer, primary_key=True)
    billing_id = Column(Integer, ForeignKey('addr.id'))
    shipping_id = Column(Integer, ForeignKey('addr.id'))
    billing = relationship('Addr', foreign_keys=[billing_id])
    shipping = relationship('Addr', foreign_keys='[Cust.shipping_id]')
class Node(B):
    __tablename__ = 'node'
    id = Column(Integer, primary_key=True)
    parent_id = Column(Integer, ForeignKey('node.id'))
    parent = relationship('Node', remote_side=[id], backref='children')
B.metadata.create_all(engine)
with Session(engine) as s:
    root = Node()
    s.add_all([Cust(billing=Addr(street='a'), shipping=Addr(street='b')), Node(parent=root)])
    s.commit()
    c = s.get(Cust, 1)
    print(c.billing.street, c.shipping.street, len(root.children))
";
    let (out, r) = run(src);
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(out, "a b 1\n");
}

#[test]
fn numeric_attributes_keep_the_value_set_until_loaded() {
    // Golden: SQLAlchemy 2.1.9 prints `2 2` then `Decimal('2.00')` after the commit's expiry;
    // the INSERT binds the int as a float.
    let (out, r) = run_for_test(
        "from sqlalchemy import create_engine, Column, Integer, Numeric
from sqlalchemy.orm import declarative_base, Session
Base = declarative_base()
class Item(Base):
    __tablename__ = 'items'
    id = Column(Integer, primary_key=True)
    price = Column(Numeric(8, 2))
engine = create_engine('sqlite://')
Base.metadata.create_all(engine)
with Session(engine) as s:
    p = Item(price=2)
    s.add(p)
    before = repr(p.price)
    s.flush()
    print(before, repr(p.price))
    s.commit()
    print(repr(p.price))
    p.price = 3
    s.refresh(p)
    print(repr(p.price))
",
    );
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(out, "2 2\nDecimal('2.00')\nDecimal('2.00')\n");
}

#[test]
fn python_division_renders_as_sqlalchemy_2() {
    // Golden: SQLAlchemy 2.1.9 `print()` of each expression.
    let (out, r) = run("print(User.id / 10)\nprint(User.id // 10)\nprint(User.id / 2.5)\n");
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(
        out,
        "user_account.id / CAST(:id_1 AS NUMERIC)\nuser_account.id / :id_1\nuser_account.id / CAST(:id_1 AS DOUBLE)\n"
    );
}

#[test]
fn unary_minus_negates_a_column() {
    // Golden: SQLAlchemy 2.1.9 `print()` of each expression.
    let (out, r) = run("print(-User.id, -(User.id * 2), -User.id == 3)\n");
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(
        out,
        "-user_account.id -(user_account.id * :id_1) -user_account.id = :param_1\n"
    );
}

#[test]
fn native_objects_have_sqlalchemy_class_names() {
    // Golden: SQLAlchemy 2.1.9 `type(x).__name__, type(x).__module__`.
    let (out, r) = run("from sqlalchemy import inspect, func, text
from sqlalchemy.orm import aliased
for x in [inspect(User), inspect(User(name='a')), aliased(User), text('x'), func.count(), func.lower('a')]:
    print(type(x).__name__, type(x).__module__)
");
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(
        out,
        "Mapper sqlalchemy.orm.mapper\nInstanceState sqlalchemy.orm.state\n\
         AliasedClass sqlalchemy.orm.util\nTextClause sqlalchemy.sql.elements\n\
         count sqlalchemy.sql.functions\nFunction sqlalchemy.sql.functions\n"
    );
}

#[test]
fn numeric_columns_bind_ints_as_floats_in_core_dml() {
    // Golden: SQLAlchemy 2.1.9 logs (2.0, 3.0) and (4.0, 1); the WHERE comparison keeps 1.
    let (out, r) = run_for_test(
        "from sqlalchemy import create_engine, Table, Column, Integer, Numeric, Float, MetaData, bindparam
md = MetaData()
t = Table('t', md, Column('id', Integer, primary_key=True), Column('p', Numeric(8, 2)), Column('w', Float))
engine = create_engine('sqlite://', echo=True)
md.create_all(engine)
with engine.begin() as c:
    c.execute(t.insert().values(p=2, w=3))
    c.execute(t.update().where(t.c.id == bindparam('b_id')).values(p=bindparam('v')), [{'b_id': 1, 'v': 4}])
",
    );
    assert!(r.is_ok(), "{r:?}");
    assert!(out.contains("(2.0, 3.0)"), "{out}");
    assert!(out.contains("(4.0, 1)"), "{out}");
}

#[test]
fn integer_times_numeric_rows_are_decimals() {
    // Golden: SQLAlchemy 2.1.9 gives (Decimal('3.75'), 1.5, 0.625).
    let (out, r) = run_for_test(
        "from decimal import Decimal
from sqlalchemy import create_engine, Table, Column, Integer, Numeric, MetaData, select
md = MetaData()
t = Table('t', md, Column('q', Integer), Column('p', Numeric(8, 2)))
engine = create_engine('sqlite://')
md.create_all(engine)
with engine.begin() as c:
    c.execute(t.insert().values(q=3, p=Decimal('1.25')))
    print(c.execute(select(t.c.q * t.c.p, t.c.q * 0.5, t.c.q / 4.8)).one())
",
    );
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(out, "(Decimal('3.75'), 1.5, 0.625)\n");
}
