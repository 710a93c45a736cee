//! The SQL of a session's nested transactions: `SAVEPOINT name`, `RELEASE SAVEPOINT name`
//! and `ROLLBACK TO SAVEPOINT name`, as SQLAlchemy's SQLite dialect writes them.

/// What to do with a savepoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SavepointOp {
    /// `SAVEPOINT name`.
    Begin,
    /// `RELEASE SAVEPOINT name`.
    Release,
    /// `ROLLBACK TO SAVEPOINT name`.
    RollbackTo,
}

/// The statement of `op` on savepoint `name` (`sa_savepoint_1`, ...).
pub fn savepoint_sql(op: SavepointOp, name: &str) -> String {
    match op {
        SavepointOp::Begin => format!("SAVEPOINT {name}"),
        SavepointOp::Release => format!("RELEASE SAVEPOINT {name}"),
        SavepointOp::RollbackTo => format!("ROLLBACK TO SAVEPOINT {name}"),
    }
}
