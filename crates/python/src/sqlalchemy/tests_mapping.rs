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

#[test]
fn self_referential_many_to_many_with_lambda_joins_writes_each_row_once() {
    let (out, r) = run_for_test(
        "from typing import List
from sqlalchemy import Column, ForeignKey, Integer, Table, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship
class Base(DeclarativeBase):
    pass
link = Table('link', Base.metadata,
    Column('a', Integer, ForeignKey('u.id'), primary_key=True),
    Column('b', Integer, ForeignKey('u.id'), primary_key=True))
class U(Base):
    __tablename__ = 'u'
    id: Mapped[int] = mapped_column(primary_key=True)
    out: Mapped[List['U']] = relationship(secondary=link, primaryjoin=lambda: U.id == link.c.a,
        secondaryjoin=lambda: U.id == link.c.b, back_populates='inc')
    inc: Mapped[List['U']] = relationship(secondary=link, primaryjoin=lambda: U.id == link.c.b,
        secondaryjoin=lambda: U.id == link.c.a, back_populates='out')
engine = create_engine('sqlite://')
Base.metadata.create_all(engine)
with Session(engine) as s:
    x, y = U(id=1), U(id=2)
    x.out.append(y)
    y.out.append(x)
    s.add_all([x, y])
    s.commit()
    print(s.execute(select(link).order_by(link.c.a)).all())
",
    );
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(out, "[(1, 2), (2, 1)]\n");
}

#[test]
fn a_viewonly_relationship_loads_but_is_never_flushed() {
    let (out, r) = run_for_test(
        "from typing import List
from sqlalchemy import ForeignKey, create_engine, select, func
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship
class Base(DeclarativeBase):
    pass
class P(Base):
    __tablename__ = 'p'
    id: Mapped[int] = mapped_column(primary_key=True)
    cs: Mapped[List['C']] = relationship()
    view: Mapped[List['C']] = relationship(viewonly=True, order_by=lambda: C.n.desc())
class C(Base):
    __tablename__ = 'c'
    id: Mapped[int] = mapped_column(primary_key=True)
    n: Mapped[int]
    p_id: Mapped[int] = mapped_column(ForeignKey('p.id'))
engine = create_engine('sqlite://')
Base.metadata.create_all(engine)
with Session(engine) as s:
    p = P(cs=[C(n=1), C(n=2)])
    s.add(p)
    s.commit()
    print([c.n for c in p.view])
    p.view.append(C(n=3))
    print(len(s.new), len(s.dirty))
    s.commit()
    print(s.scalar(select(func.count(C.id))))
",
    );
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(out, "[2, 1]\n0 0\n2\n");
}

#[test]
fn declared_attr_tablename_and_base_columns_apply_to_each_class() {
    let (out, r) = run_for_test(
        "from sqlalchemy import ForeignKey
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship
class Base(DeclarativeBase):
    @declared_attr.directive
    def __tablename__(cls):
        return cls.__name__.lower()
    id: Mapped[int] = mapped_column(primary_key=True)
class HasParent:
    parent_id: Mapped[int] = mapped_column(ForeignKey('parent.id'))
    @declared_attr
    def parent(cls):
        return relationship('Parent')
class Parent(Base):
    name: Mapped[str]
class Kid(HasParent, Base):
    pass
print(Parent.__tablename__, Kid.__tablename__, list(Kid.__table__.c.keys()))
print(Kid.parent.property.mapper.class_.__name__ if False else type(Kid(parent=Parent(name='p')).parent).__name__)
",
    );
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(out, "parent kid ['parent_id', 'id']\nParent\n");
}

#[test]
fn unsupported_orm_names_import_and_say_so_when_used() {
    let (out, r) = run_for_test(
        "from sqlalchemy.orm import with_loader_criteria
from sqlalchemy.ext.asyncio import AsyncSession
for f in (with_loader_criteria, AsyncSession):
    try:
        f()
    except NotImplementedError as e:
        print(e)
",
    );
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(
        out,
        "with_loader_criteria() is not supported by Retort yet\nAsyncSession() is not supported by Retort yet\n"
    );
}

#[test]
fn lazy_immediate_loads_right_after_the_query() {
    let (out, r) = run_for_test(
        "from sqlalchemy import ForeignKey, create_engine, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship
class Base(DeclarativeBase):
    pass
class A(Base):
    __tablename__ = 'a'
    id: Mapped[int] = mapped_column(primary_key=True)
class B(Base):
    __tablename__ = 'b'
    id: Mapped[int] = mapped_column(primary_key=True)
    a_id: Mapped[int] = mapped_column(ForeignKey('a.id'))
    a: Mapped[A] = relationship(lazy='immediate')
engine = create_engine('sqlite://')
Base.metadata.create_all(engine)
with Session(engine) as s:
    s.add(B(a=A()))
    s.commit()
with Session(engine) as s:
    b = s.scalars(select(B)).one()
    print('a' in b.__dict__)
",
    );
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(out, "True\n");
}

#[test]
fn configure_mappers_declares_pending_relationships() {
    let (out, r) = run_for_test(
        "from typing import List
from sqlalchemy import ForeignKey
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, configure_mappers
class Base(DeclarativeBase):
    pass
class A(Base):
    __tablename__ = 'a'
    id: Mapped[int] = mapped_column(primary_key=True)
    bs: Mapped[List['B']] = relationship()
class B(Base):
    __tablename__ = 'b'
    id: Mapped[int] = mapped_column(primary_key=True)
    a_id: Mapped[int] = mapped_column(ForeignKey('a.id'))
print(configure_mappers())
",
    );
    assert!(r.is_ok(), "{r:?}");
    assert_eq!(out, "None\n");
}
