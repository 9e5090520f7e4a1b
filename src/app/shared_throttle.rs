//! The failed-login records kept where every node sees them, when the
//! store is shared by several (`Store::shared_counters`): a guesser who
//! spreads attempts over the nodes meets one throttle.

use crate::store::SharedCounters;
use crate::throttle::{Failures, LoginThrottle, Records, Unavailable};

/// One throttle's records among the shared counters, apart from the
/// others' by a prefix of its keys.
struct SharedRecords {
    counters: SharedCounters,
    prefix: &'static str,
}

impl Records for SharedRecords {
    fn change(
        &self,
        keys: &[String],
        change: &mut dyn FnMut(&mut [Option<Failures>]),
    ) -> Result<(), Unavailable> {
        let keys: Vec<String> = keys
            .iter()
            .map(|k| format!("{}:{k}", self.prefix))
            .collect();
        self.counters
            .change(&keys, &mut |counters| {
                let mut records: Vec<Option<Failures>> = counters
                    .iter()
                    .map(|c| c.map(|(count, last_ms)| Failures { count, last_ms }))
                    .collect();
                change(&mut records);
                for (counter, record) in counters.iter_mut().zip(records) {
                    *counter = record.map(|f| (f.count, f.last_ms));
                }
            })
            .map_err(|e| Unavailable(e.to_string()))
    }
}

/// A throttle named `prefix` with `first_delay`: over the shared counters
/// when there are some, else in this process's memory.
pub(super) fn throttle(
    counters: Option<&SharedCounters>,
    prefix: &'static str,
    first_delay: std::time::Duration,
) -> LoginThrottle {
    match counters {
        Some(counters) => LoginThrottle::kept_in(
            Box::new(SharedRecords {
                counters: counters.clone(),
                prefix,
            }),
            first_delay,
        ),
        None => LoginThrottle::with_first_delay(first_delay),
    }
}
