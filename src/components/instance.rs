use std::sync::atomic::{AtomicU32, Ordering};

/// Tells the tables on one page apart, so element ids (which
/// `aria-controls` needs) stay unique when a host embeds several.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InstanceId(u32);

impl InstanceId {
    pub fn next() -> Self {
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        Self(COUNTER.fetch_add(1, Ordering::Relaxed))
    }

    /// The prefix of every id this table gives out, e.g. `cs3`.
    pub fn prefix(self) -> String {
        format!("cs{}", self.0)
    }
}
