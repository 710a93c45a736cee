# Seed 004 (004_55b35f6b15370086.txt), "Getting started with SQLAlchemy". The article's code
# blocks were lost; this is the code its prose describes: a Student model on a declarative Base
# (__tablename__ 'students', an 'id' primary key), create_engine('sqlite:///students.db') and
# create_all under `if __name__ == '__main__':`, a sessionmaker bound to the engine, then
# session.add(student), session.commit() and session.query(Student).all().
from sqlalchemy import create_engine, Column, Integer, String
from sqlalchemy.ext.declarative import declarative_base
from sqlalchemy.orm import sessionmaker

Base = declarative_base()


class Student(Base):
    __tablename__ = 'students'

    id = Column(Integer(), primary_key=True)
    name = Column(String())

    def __repr__(self):
        return f"Student {self.id}: {self.name}"


if __name__ == '__main__':
    engine = create_engine('sqlite:///students.db')
    Base.metadata.create_all(engine)

    Session = sessionmaker(bind=engine)
    session = Session()

    print(session.query(Student).all())

    albert_einstein = Student(name="Albert Einstein")
    alan_turing = Student(name="Alan Turing")
    session.add(albert_einstein)
    session.add(alan_turing)
    session.commit()

    print(session.query(Student).all())
    print(f"New student ID is {albert_einstein.id}.")
