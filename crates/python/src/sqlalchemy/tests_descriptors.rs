//! Unit tests of `synonym()` and of `filter_by()` naming descriptors (natively and on wasm32).

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
