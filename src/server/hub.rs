//! Who is looking at what, in this process: for each attempt, how many live records of
//! its trainee and how many watchers are open, and a pulse each time an entry is stored.
//! The watch stream wakes on the pulse (and also reads the store every few seconds, so an
//! entry another server process took still reaches it); the trainee's live record wakes
//! when a watcher comes or goes, to say "being watched".

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::watch;

/// Where an attempt stands for those looking at it in this process.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pulse {
    /// The last entry stored through this process (0: none seen).
    pub last_seq: i64,
    /// Watch streams open on it.
    pub watchers: usize,
    /// Live records of its trainee open.
    pub connected: usize,
}

/// Who holds a place on an attempt.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Seat {
    /// The trainee's live record.
    Trainee,
    /// A teacher's watch stream.
    Watcher,
}

/// The pulses of the attempts someone looks at.
#[derive(Default)]
pub struct Hub {
    attempts: Mutex<HashMap<String, watch::Sender<Pulse>>>,
}

/// A place on an attempt; dropping it gives the place back.
pub struct Presence {
    hub: Arc<Hub>,
    attempt: String,
    seat: Seat,
}

impl Hub {
    /// The attempt's pulse sender, made when nobody looked at it yet.
    fn sender(&self, attempt: &str) -> Option<watch::Sender<Pulse>> {
        let mut map = self.attempts.lock().ok()?;
        Some(
            map.entry(attempt.to_string())
                .or_insert_with(|| watch::channel(Pulse::default()).0)
                .clone(),
        )
    }

    /// Takes a place on `attempt` and listens to its pulse.
    pub fn enter(
        self: &Arc<Self>,
        attempt: &str,
        seat: Seat,
    ) -> (Presence, watch::Receiver<Pulse>) {
        let tx = self
            .sender(attempt)
            .unwrap_or_else(|| watch::channel(Pulse::default()).0);
        let rx = tx.subscribe();
        tx.send_modify(|p| match seat {
            Seat::Trainee => p.connected += 1,
            Seat::Watcher => p.watchers += 1,
        });
        let presence = Presence {
            hub: Arc::clone(self),
            attempt: attempt.to_string(),
            seat,
        };
        (presence, rx)
    }

    /// Entry `seq` of `attempt` is stored: wakes its watchers.
    pub fn stored(&self, attempt: &str, seq: i64) {
        let Ok(map) = self.attempts.lock() else {
            return;
        };
        if let Some(tx) = map.get(attempt) {
            tx.send_modify(|p| p.last_seq = p.last_seq.max(seq));
        }
    }

    /// The attempt's pulse now (nobody: the default).
    pub fn pulse(&self, attempt: &str) -> Pulse {
        self.attempts
            .lock()
            .ok()
            .and_then(|map| map.get(attempt).map(|tx| *tx.borrow()))
            .unwrap_or_default()
    }
}

impl Drop for Presence {
    fn drop(&mut self) {
        let Ok(mut map) = self.hub.attempts.lock() else {
            return;
        };
        let Some(tx) = map.get(&self.attempt) else {
            return;
        };
        tx.send_modify(|p| match self.seat {
            Seat::Trainee => p.connected = p.connected.saturating_sub(1),
            Seat::Watcher => p.watchers = p.watchers.saturating_sub(1),
        });
        let idle = {
            let p = tx.borrow();
            p.connected == 0 && p.watchers == 0
        };
        if idle {
            map.remove(&self.attempt);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_are_counted_and_given_back() {
        let hub = Arc::new(Hub::default());
        let (trainee, rx) = hub.enter("a", Seat::Trainee);
        let (watcher, _) = hub.enter("a", Seat::Watcher);
        assert!(
            rx.has_changed().unwrap_or(false),
            "the trainee hears the watcher"
        );
        assert_eq!(hub.pulse("a").watchers, 1);
        hub.stored("a", 3);
        assert_eq!(hub.pulse("a").last_seq, 3);
        drop(watcher);
        assert_eq!(hub.pulse("a").watchers, 0);
        assert_eq!(hub.pulse("a").connected, 1);
        drop(trainee);
        assert_eq!(
            hub.pulse("a"),
            Pulse::default(),
            "forgotten when nobody looks"
        );
        hub.stored("b", 1);
        assert_eq!(
            hub.pulse("b"),
            Pulse::default(),
            "a pulse nobody hears is not kept"
        );
    }
}
