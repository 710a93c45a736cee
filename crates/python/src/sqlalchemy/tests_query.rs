//! Unit tests of queries, results and ORM DML through the bridge (natively and on wasm32).
//! Expected outputs are SQLAlchemy 2.1.9's.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::interp::run_for_test;

const MODEL: &str = "from sqlalchemy import create_engine, select, update, delete, func, ForeignKey
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session

class Base(DeclarativeBase):
    pass

class User(Base):
    __tablename__ = 'users'
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    active: Mapped[bool] = mapped_column(default=True)
    posts: Mapped[list['Post']] = relationship(back_populates='author')

class Post(Base):
    __tablename__ = 'posts'
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int] = mapped_column(ForeignKey('users.id'))
    author: Mapped[User] = relationship(back_populates='posts')

engine = create_engine('sqlite://')
Base.metadata.create_all(engine)
session = Session(engine)
session.add_all([User(name='a', posts=[Post(), Post()]), User(name='b', active=False)])
session.commit()
";

fn out(src: &str) -> String {
    let (out, r) = run_for_test(&format!("{MODEL}{src}"));
    assert!(r.is_ok(), "{r:?}\n{out}");
    out
}

#[test]
fn rows_are_typed_and_mappings_are_mappings() {
    let o = out(
        "row = session.execute(select(User.name, User.active).order_by(User.id)).first()
print(row, dict(row._mapping), list(row._mapping.items()))
print(session.execute(select(User.id == 1, func.max(User.active))).one())
",
    );
    assert_eq!(
        o,
        "('a', True) {'name': 'a', 'active': True} [('name', 'a'), ('active', True)]\n(True, True)\n"
    );
}

#[test]
fn labels_strings_and_booleans_compile_as_sqlalchemy() {
    let o = out("print(select(User.name.label('n'), func.count(Post.id).label('c')).join(User.posts).group_by('n').order_by('c'))
print(select(User.id).where(User.active == True, User.name + 'x' == 'ax'))
");
    assert_eq!(
        o,
        "SELECT users.name AS n, count(posts.id) AS c \nFROM users JOIN posts ON users.id = posts.author_id GROUP BY n ORDER BY c\n\
         SELECT users.id \nFROM users \nWHERE users.active = true AND (users.name || :name_1) = :param_1\n"
    );
}

#[test]
fn orm_update_and_delete_synchronize_the_session() {
    let o = out("a = session.get(User, 1)
b = session.get(User, 2)
print(session.execute(update(User).where(User.active == True).values(name='A')).rowcount, a.name)
print(session.query(User).filter(User.name.like('b%')).update({'name': 'B'}), b.name)
session.execute(delete(User).where(User.name == 'B'))
print(b in session, session.scalars(select(User.name)).all())
");
    assert_eq!(o, "1 A\n1 B\nFalse ['A']\n");
}

#[test]
fn joined_eager_collections_need_unique() {
    let o = out("from sqlalchemy.orm import joinedload
stmt = select(User).options(joinedload(User.posts))
try:
    session.scalars(stmt).all()
except Exception as e:
    print(type(e).__name__)
print(len(session.scalars(stmt).unique().all()), session.scalars(stmt).first().name)
");
    assert_eq!(o, "InvalidRequestError\n2 a\n");
}
