# Many-to-many with backref= (seed 002's second form, 2.0 style): Student/Course, the backref
# collection is created on the other class; reading both sides after commit.
from sqlalchemy import Column, ForeignKey, Integer, String, Table, create_engine
from sqlalchemy.orm import declarative_base, relationship, Session

Base = declarative_base()

enrollment = Table(
    "enrollment",
    Base.metadata,
    Column("student_id", Integer, ForeignKey("student.id")),
    Column("course_id", Integer, ForeignKey("course.id")),
)


class Student(Base):
    __tablename__ = "student"
    id = Column(Integer, primary_key=True)
    name = Column(String(50))
    courses = relationship("Course", secondary=enrollment, backref="students",
                           order_by="Course.id")

    def __repr__(self):
        return f"<Student {self.name}>"


class Course(Base):
    __tablename__ = "course"
    id = Column(Integer, primary_key=True)
    title = Column(String(50))

    def __repr__(self):
        return f"<Course {self.title}>"


engine = create_engine("sqlite://")
Base.metadata.create_all(engine)

math, physics = Course(title="Math"), Course(title="Physics")
alice = Student(name="Alice", courses=[math, physics])
print(math.students)
bob = Student(name="Bob")
bob.courses.append(physics)
print(physics.students)

with Session(engine) as session:
    session.add_all([alice, bob])
    session.commit()

with Session(engine) as session:
    physics = session.get(Course, 2)
    print(physics, sorted(s.name for s in physics.students))
    alice = session.get(Student, 1)
    print(alice, alice.courses)
    alice.courses.remove(physics)
    session.commit()
    print(sorted(s.name for s in physics.students))
    print(session.query(Student).filter(Student.courses.any(Course.title == "Physics")).all())
