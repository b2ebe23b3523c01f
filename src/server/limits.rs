//! Limits per client: live connections per address and per student, messages per second
//! per connection.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Largest request body or WebSocket message, bytes.
pub const MAX_BODY: usize = 256 * 1024;

/// Live connections one address may hold (a classroom behind one router shares one).
pub const PER_ADDRESS: usize = 1000;

/// Live connections one student may hold (the old one while a reconnect overlaps it).
pub const PER_STUDENT: usize = 2;

/// Messages per second one connection may send, on average.
pub const MESSAGES_PER_S: f64 = 20.0;

/// Messages one connection may send at once before the average applies.
const BURST: f64 = 40.0;

/// Live connections per key, bounded.
pub struct Counter<K> {
    max: usize,
    live: Mutex<HashMap<K, usize>>,
}

/// One live connection; dropping it frees its place.
pub struct Slot<K: Eq + Hash + Clone> {
    counter: Arc<Counter<K>>,
    key: K,
}

impl<K: Eq + Hash + Clone> Counter<K> {
    /// A counter allowing `max` connections per key.
    pub fn new(max: usize) -> Arc<Counter<K>> {
        Arc::new(Counter {
            max,
            live: Mutex::default(),
        })
    }

    /// A place for one more connection of `key`, if it has fewer than the maximum.
    pub fn enter(self: &Arc<Self>, key: K) -> Option<Slot<K>> {
        let mut live = self.live.lock().ok()?;
        let n = live.entry(key.clone()).or_insert(0);
        if *n >= self.max {
            return None;
        }
        *n += 1;
        Some(Slot {
            counter: Arc::clone(self),
            key,
        })
    }
}

impl<K: Eq + Hash + Clone> Drop for Slot<K> {
    fn drop(&mut self) {
        if let Ok(mut live) = self.counter.live.lock()
            && let Some(n) = live.get_mut(&self.key)
        {
            *n -= 1;
            if *n == 0 {
                live.remove(&self.key);
            }
        }
    }
}

/// A token bucket: `MESSAGES_PER_S` on average, `BURST` at once.
pub struct Bucket {
    tokens: f64,
    last: Instant,
}

impl Default for Bucket {
    fn default() -> Bucket {
        Bucket {
            tokens: BURST,
            last: Instant::now(),
        }
    }
}

impl Bucket {
    /// Whether one more message may pass now.
    pub fn take(&mut self) -> bool {
        let now = Instant::now();
        let refill = now.duration_since(self.last).as_secs_f64() * MESSAGES_PER_S;
        self.tokens = (self.tokens + refill).min(BURST);
        self.last = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}
