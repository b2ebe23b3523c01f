//! Limits per client: live connections per address and per student, messages per second
//! per connection, HTTP requests per second per address.

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

/// HTTP requests one address may make per second on average, unless `serve` is told
/// otherwise (`--requests-per-s`): a classroom behind one router shares one address.
pub const REQUESTS_PER_S: f64 = 50.0;

/// How many seconds' worth of requests may come at once (a page load, a class joining).
const REQUEST_BURST_S: f64 = 4.0;

/// Addresses whose request buckets are kept before the full (idle) ones are forgotten.
const ADDRESSES_KEPT: usize = 10_000;

/// A token bucket: `rate` a second on average, `burst` at once.
pub struct Bucket {
    rate: f64,
    burst: f64,
    tokens: f64,
    last: Instant,
}

impl Default for Bucket {
    /// A live record's messages: `MESSAGES_PER_S`, `BURST` at once.
    fn default() -> Bucket {
        Bucket::new(MESSAGES_PER_S, BURST)
    }
}

impl Bucket {
    /// A full bucket of `burst` tokens refilled at `rate` a second.
    pub fn new(rate: f64, burst: f64) -> Bucket {
        Bucket {
            rate,
            burst,
            tokens: burst,
            last: Instant::now(),
        }
    }

    /// Whether one more may pass now.
    pub fn take(&mut self) -> bool {
        let now = Instant::now();
        let refill = now.duration_since(self.last).as_secs_f64() * self.rate;
        self.tokens = (self.tokens + refill).min(self.burst);
        self.last = now;
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// HTTP requests per address: a token bucket each (`rate` a second, four seconds' worth at
/// once); `rate` 0 or less takes every request.
pub struct Requests {
    rate: f64,
    buckets: Mutex<HashMap<std::net::IpAddr, Bucket>>,
}

impl Requests {
    /// A limit of `rate` requests a second per address.
    pub fn new(rate: f64) -> Requests {
        Requests {
            rate,
            buckets: Mutex::default(),
        }
    }

    /// Whether `address` may make one more request now.
    pub fn take(&self, address: std::net::IpAddr) -> bool {
        if self.rate <= 0.0 {
            return true;
        }
        let Ok(mut buckets) = self.buckets.lock() else {
            return true;
        };
        if buckets.len() >= ADDRESSES_KEPT {
            // Forget the addresses that have been quiet long enough to be full again.
            buckets.retain(|_, b| b.tokens + b.last.elapsed().as_secs_f64() * b.rate < b.burst);
        }
        let rate = self.rate;
        buckets
            .entry(address)
            .or_insert_with(|| Bucket::new(rate, rate * REQUEST_BURST_S))
            .take()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_gets_its_burst_then_waits() {
        let limit = Requests::new(10.0);
        let a: std::net::IpAddr = [10, 0, 0, 1].into();
        let b: std::net::IpAddr = [10, 0, 0, 2].into();
        let passed = (0..100).filter(|_| limit.take(a)).count();
        assert!((40..=41).contains(&passed), "four seconds' worth: {passed}");
        assert!(limit.take(b), "another address has its own");
        assert!((0..1000).all(|_| Requests::new(0.0).take(a)), "0: no limit");
    }
}
