//! The step budget: every statement, call and loop iteration costs one step, so an endless
//! loop ends with a clear error instead of freezing the page.

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
