# Many-to-many in a school example, classic declarative style with backref: Student/Course
# through an enrollment Table, enrolling one student per flush, then reports: course sizes with
# func.count over the secondary, students with no course (~any()), and a join through secondary.
from sqlalchemy import Column, ForeignKey, Integer, String, Table, create_engine, func
from sqlalchemy.orm import declarative_base, relationship, sessionmaker

Base = declarative_base()

enrollments = Table(
    "enrollments", Base.metadata,
    Column("student_id", Integer, ForeignKey("students.id"), primary_key=True),
    Column("course_id", Integer, ForeignKey("courses.id"), primary_key=True),
)


class Student(Base):
    __tablename__ = "students"
    id = Column(Integer, primary_key=True)
    name = Column(String(50))
    grade = Column(Integer)
    courses = relationship("Course", secondary=enrollments, backref="students", lazy="selectin",
                           order_by="Course.code")

    def __repr__(self):
        return f"Student({self.name!r}, grade={self.grade})"


class Course(Base):
    __tablename__ = "courses"
    id = Column(Integer, primary_key=True)
    code = Column(String(10), unique=True)
    title = Column(String(100))

    def __repr__(self):
        return f"Course({self.code})"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)
Session = sessionmaker(engine)

with Session() as session:
    math, chem, art, music = (Course(code=c, title=t) for c, t in [
        ("MATH101", "Calculus I"), ("CHEM110", "General Chemistry"),
        ("ART120", "Drawing"), ("MUS100", "Music Theory")])
    session.add_all([math, chem, art, music])
    for name, grade, picks in [("Harry", 11, [math, chem]), ("Hermione", 11, [math, chem, art]),
                               ("Ron", 10, [art]), ("Luna", 9, [])]:
        session.add(Student(name=name, grade=grade, courses=picks))
        session.flush()
    session.commit()

    for s in session.query(Student).order_by(Student.name):
        print(f"{s.name:<10} {[c.code for c in s.courses]}")

    sizes = (session.query(Course.code, func.count(enrollments.c.student_id))
             .outerjoin(enrollments).group_by(Course.code).order_by(Course.code).all())
    print(sizes)
    print(session.query(Student).filter(~Student.courses.any()).all())
    print(session.query(Course).filter(~Course.students.any()).all())
    print(session.query(Student.name).join(Student.courses).filter(Course.code == "CHEM110")
          .order_by(Student.name).all())
    print(session.query(Student).filter(Student.courses.contains(art)).order_by(Student.id).all())
    print(session.query(func.count(Student.id)).filter(Student.grade == 11).scalar())

    luna = session.query(Student).filter_by(name="Luna").one()
    luna.courses.append(music)
    luna.courses.append(art)
    session.commit()
    print(sorted(s.name for s in art.students), luna.courses)

    ron = session.query(Student).filter_by(name="Ron").one()
    session.delete(ron)
    session.commit()
    print(session.query(enrollments).order_by(enrollments.c.student_id, enrollments.c.course_id).all())
    print(sorted(s.name for s in art.students))
