//! Python-level test of `contains()` on a many-to-many relationship in a WHERE clause (the
//! association table aliased into the FROM list) next to `~any()`. Expected output from
//! CPython 3.11 + SQLAlchemy 2.1.9 running the same script.

#[cfg(all(target_family = "wasm", target_os = "unknown"))]
use wasm_bindgen_test::wasm_bindgen_test as test;

use crate::interp::run_for_test;

const SCRIPT: &str = r#"from sqlalchemy import Column, ForeignKey, Integer, String, Table, create_engine, select
from sqlalchemy.orm import declarative_base, relationship, Session

Base = declarative_base()
link = Table(
    "link",
    Base.metadata,
    Column("student_id", Integer, ForeignKey("students.id"), primary_key=True),
    Column("course_id", Integer, ForeignKey("courses.id"), primary_key=True),
)


class Student(Base):
    __tablename__ = "students"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    courses = relationship("Course", secondary=link, backref="students")


class Course(Base):
    __tablename__ = "courses"
    id = Column(Integer, primary_key=True)
    code = Column(String)


print(select(Student.name).where(Student.courses.contains(Course(id=5))))
engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
with Session(engine) as s:
    art, mus = Course(code="ART"), Course(code="MUS")
    s.add_all([Student(name="a", courses=[art]), Student(name="b", courses=[art, mus]), Student(name="c")])
    s.commit()
    print(s.scalars(select(Student.name).where(Student.courses.contains(mus))).all())
    print(s.scalars(select(Course.code).where(Course.students.contains(s.get(Student, 1)))).all())
    print(s.scalars(select(Student.name).where(~Student.courses.any()).order_by(Student.name)).all())
"#;

const EXPECTED: &str = r#"SELECT students.name 
FROM students, link AS link_1 
WHERE students.id = link_1.student_id AND :param_1 = link_1.course_id
['b']
['ART']
['c']
"#;

#[test]
fn contains_on_a_many_to_many_joins_the_association_table() {
    let (out, r) = run_for_test(SCRIPT);
    assert!(r.is_ok(), "{r:?}\n{out}");
    assert_eq!(out, EXPECTED);
}
