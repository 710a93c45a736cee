//! Benchmarks of the ORM core, natively: `cargo xtask bench` (or `cargo bench -p
//! retort-playground --bench orm`). `RETORT_BENCH=flush` (or `hydrate`, `get`, `flush-keyed`,
//! `flush-generated`) runs one, e.g. under a profiler. The workloads are in
//! `common/orm_work.rs`.

#[path = "common/orm_work.rs"]
mod work;

fn main() {
    let only = std::env::var("RETORT_BENCH").unwrap_or_default();
    work::run(&only, &mut |line| println!("{line}"));
}
