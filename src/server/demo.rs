//! The teacher's demonstrations ("follow the teacher"): an exercise's start or a free
//! session on a built-in patient that the teacher streams as a trainee streams an attempt,
//! and that the class's students follow read-only. Not graded and not stored: it lives in
//! the memory of the process it was started on (docs/class-api.md says so), one per class.

use super::referee::WireEntry;
use super::store::StoredEntry;
use super::{auth, referee};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::watch;

/// What a demonstration starts from.
#[derive(Clone, Debug, PartialEq)]
pub enum Opening {
    /// A built-in exercise's start on a seed.
    Exercise(String),
    /// A free session on a built-in patient, the teacher's role.
    Patient(String),
}

impl Opening {
    /// The exercise it opens, if it opens one.
    pub fn exercise(&self) -> Option<&str> {
        match self {
            Opening::Exercise(e) => Some(e),
            Opening::Patient(_) => None,
        }
    }

    /// The built-in patient of a free session, if it is one.
    pub fn patient(&self) -> Option<&str> {
        match self {
            Opening::Exercise(_) => None,
            Opening::Patient(p) => Some(p),
        }
    }
}

/// One demonstration.
pub struct Demo {
    /// Its id.
    pub id: String,
    /// The class whose students follow it.
    pub class_id: String,
    /// The teacher's name, shown to followers.
    pub teacher: String,
    /// The SHA-256 of the key the teacher's window streams with.
    pub key_hash: String,
    /// What it starts from.
    pub opening: Opening,
    /// The seed of its patient.
    pub seed: u64,
    /// Simulated seconds per wall-clock second.
    pub speed: f64,
    /// When it started, ms since 1970.
    pub started_ms: i64,
    state: Mutex<Played>,
    pulse: watch::Sender<i64>,
}

/// What a demonstration has played so far.
#[derive(Default)]
struct Played {
    entries: Vec<StoredEntry>,
    /// The gaps of the teacher's next visits so far, s: the clock runs that far ahead.
    skipped_s: f64,
    ended: Option<f64>,
    followers: usize,
}

/// Why a demonstration's entry is refused.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// Not the entry after the last one.
    #[error("entry {got} is out of sequence: the next entry of this demonstration is {expected}")]
    OutOfSequence {
        /// The number expected.
        expected: i64,
        /// The number sent.
        got: i64,
    },
    /// Not a time, or before the previous entry.
    #[error("entry {seq}'s simulated time is not a time after the previous entry's")]
    Time {
        /// The entry.
        seq: i64,
    },
    /// It ended.
    #[error("this demonstration has ended: start a new one")]
    Ended,
    /// Its entry could not be written down.
    #[error("this entry cannot be kept: {0}")]
    Unreadable(String),
}

impl Demo {
    /// A new demonstration of `class_id` by `teacher`; returns it and the key to stream with.
    pub fn new(
        class_id: &str,
        teacher: &str,
        opening: Opening,
        seed: u64,
        speed: f64,
        started_ms: i64,
    ) -> (Demo, String) {
        let key = auth::random_hex(32);
        let demo = Demo {
            id: auth::random_hex(16),
            class_id: class_id.to_string(),
            teacher: teacher.to_string(),
            key_hash: auth::token_hash(&key),
            opening,
            seed,
            speed,
            started_ms,
            state: Mutex::default(),
            pulse: watch::channel(0).0,
        };
        (demo, key)
    }

    /// Takes the teacher's next entry (received at `now_ms`); returns its number.
    pub fn entry(&self, e: &WireEntry, now_ms: i64) -> Result<i64, DemoError> {
        let mut played = self.state.lock().map_err(|_| DemoError::Ended)?;
        if played.ended.is_some() {
            return Err(DemoError::Ended);
        }
        let expected = played.entries.len() as i64 + 1;
        if e.seq != expected {
            return Err(DemoError::OutOfSequence {
                expected,
                got: e.seq,
            });
        }
        let last_s = played.entries.last().map_or(0.0, |l| l.t_s);
        if !e.t_s.is_finite() || e.t_s < last_s {
            return Err(DemoError::Time { seq: e.seq });
        }
        let stored =
            referee::stored(e, now_ms).map_err(|x| DemoError::Unreadable(x.to_string()))?;
        played.entries.push(stored);
        played.skipped_s += referee::skip_s(e);
        self.pulse.send_replace(e.seq);
        Ok(e.seq)
    }

    /// Ends it at simulated time `t_s` (not before its last entry).
    pub fn end(&self, t_s: f64) -> f64 {
        let Ok(mut played) = self.state.lock() else {
            return t_s;
        };
        let last_s = played.entries.last().map_or(0.0, |l| l.t_s);
        let end = if t_s.is_finite() {
            t_s.max(last_s)
        } else {
            last_s
        };
        let end = *played.ended.get_or_insert(end);
        drop(played);
        self.pulse.send_modify(|_| {});
        end
    }

    /// Entries after `seq`, and the end time once it ended.
    pub fn after(&self, seq: i64) -> (Vec<StoredEntry>, Option<f64>) {
        let Ok(played) = self.state.lock() else {
            return (Vec::new(), Some(0.0));
        };
        let from = usize::try_from(seq.max(0)).unwrap_or(usize::MAX);
        let entries = played.entries.iter().skip(from).cloned().collect();
        (entries, played.ended)
    }

    /// The last entry's number and simulated time.
    pub fn last(&self) -> (i64, f64) {
        self.state.lock().map_or((0, 0.0), |p| {
            (
                p.entries.len() as i64,
                p.entries.last().map_or(0.0, |l| l.t_s),
            )
        })
    }

    /// The simulated time its clock has reached at `now_ms`: its speed times the wall time
    /// since it started plus its next visits' gaps, and never before its last entry.
    pub fn clock_s(&self, now_ms: i64) -> f64 {
        let wall_s = (now_ms - self.started_ms).max(0) as f64 / 1000.0;
        let skipped_s = self.state.lock().map_or(0.0, |p| p.skipped_s);
        (self.speed * wall_s + skipped_s).max(self.last().1)
    }

    /// Wakes at each entry and at the end.
    pub fn subscribe(&self) -> watch::Receiver<i64> {
        self.pulse.subscribe()
    }

    /// One follower more (`true`) or fewer.
    pub fn follow(&self, joins: bool) {
        if let Ok(mut p) = self.state.lock() {
            p.followers = if joins {
                p.followers + 1
            } else {
                p.followers.saturating_sub(1)
            };
        }
    }

    /// Students following it now.
    pub fn followers(&self) -> usize {
        self.state.lock().map_or(0, |p| p.followers)
    }
}

/// The running demonstration of each class, in this process.
#[derive(Default)]
pub struct Demos {
    by_class: Mutex<HashMap<String, Arc<Demo>>>,
    changed: Mutex<Option<watch::Sender<u64>>>,
}

impl Demos {
    /// Starts `demo`, ending the class's previous one.
    pub fn start(&self, demo: Demo) -> Arc<Demo> {
        let demo = Arc::new(demo);
        let old = self
            .by_class
            .lock()
            .ok()
            .and_then(|mut m| m.insert(demo.class_id.clone(), Arc::clone(&demo)));
        if let Some(old) = old {
            old.end(f64::INFINITY);
        }
        self.changed().send_modify(|n| *n += 1);
        demo
    }

    fn changed(&self) -> watch::Sender<u64> {
        let mut slot = self.changed.lock().unwrap_or_else(|e| e.into_inner());
        slot.get_or_insert_with(|| watch::channel(0).0).clone()
    }

    /// Wakes whenever a demonstration starts.
    pub fn subscribe(&self) -> watch::Receiver<u64> {
        self.changed().subscribe()
    }

    /// The class's demonstration, if one runs.
    pub fn of_class(&self, class_id: &str) -> Option<Arc<Demo>> {
        let demo = self.by_class.lock().ok()?.get(class_id).cloned()?;
        demo.after(i64::MAX).1.is_none().then_some(demo)
    }

    /// The demonstration `id` if `key` is its key.
    pub fn keyed(&self, id: &str, key: &str) -> Option<Arc<Demo>> {
        let hash = auth::token_hash(key);
        self.by_class
            .lock()
            .ok()?
            .values()
            .find(|d| d.id == id && d.key_hash == hash)
            .cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::{Command, RemoteKey, Role};

    fn wire(seq: i64, t_s: f64) -> WireEntry {
        WireEntry {
            seq,
            t_s,
            sender: Role::Teacher,
            command: Command::Remote(RemoteKey::TherapyOn),
            outcome: None,
        }
    }

    #[test]
    fn a_demonstration_takes_entries_in_order_and_ends() {
        let (demo, _key) = Demo::new("c", "Kim", Opening::Patient("p".into()), 7, 1.0, 0);
        assert_eq!(demo.entry(&wire(1, 2.0), 10).ok(), Some(1));
        assert!(matches!(
            demo.entry(&wire(3, 3.0), 10),
            Err(DemoError::OutOfSequence {
                expected: 2,
                got: 3
            })
        ));
        assert!(matches!(
            demo.entry(&wire(2, 1.0), 10),
            Err(DemoError::Time { seq: 2 })
        ));
        assert_eq!(demo.end(1.0), 2.0, "not before its last entry");
        assert!(matches!(
            demo.entry(&wire(2, 3.0), 10),
            Err(DemoError::Ended)
        ));
        let (entries, ended) = demo.after(0);
        assert_eq!((entries.len(), ended), (1, Some(2.0)));
    }

    #[test]
    fn a_new_demonstration_ends_the_class_s_last() {
        let demos = Demos::default();
        let (first, key) = Demo::new("c", "Kim", Opening::Exercise("e".into()), 1, 10.0, 0);
        let first = demos.start(first);
        assert!(demos.keyed(&first.id, &key).is_some());
        assert!(demos.keyed(&first.id, "wrong").is_none());
        let (second, _) = Demo::new("c", "Kim", Opening::Exercise("e".into()), 2, 10.0, 0);
        let second = demos.start(second);
        assert!(first.after(0).1.is_some(), "the first ended");
        assert_eq!(
            demos.of_class("c").map(|d| d.id.clone()),
            Some(second.id.clone())
        );
    }
}
