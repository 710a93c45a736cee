//! The step budget: every statement, call and loop iteration costs one step, and every SQL
//! statement sent [`SQL_STATEMENT_STEPS`], so an endless loop (one that runs a query each
//! time round too) ends with a clear error instead of freezing the page.

/// What one SQL statement costs: a statement takes the time of thousands of Python steps
/// (and its log lines), so a loop of queries meets the budget in about as many seconds as a
/// loop of arithmetic.
pub const SQL_STATEMENT_STEPS: u64 = 2_000;

/// Steps left in the current run.
#[derive(Clone, Debug)]
pub struct Budget {
    limit: u64,
    left: u64,
}

impl Budget {
    /// A budget of `limit` steps.
    pub fn new(limit: u64) -> Budget {
        Budget { limit, left: limit }
    }

    /// Spend one step; false when none was left.
    pub fn step(&mut self) -> bool {
        if self.left == 0 {
            return false;
        }
        self.left -= 1;
        true
    }

    /// Spend `n` steps at once (down to none left: the next [`Budget::step`] fails).
    pub fn spend(&mut self, n: u64) {
        self.left = self.left.saturating_sub(n);
    }

    /// Refill for a new run.
    pub fn reset(&mut self) {
        self.left = self.limit;
    }

    /// The configured number of steps.
    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// Steps spent since the last reset.
    pub fn spent(&self) -> u64 {
        self.limit - self.left
    }
}
