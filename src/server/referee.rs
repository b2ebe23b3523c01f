//! The referee: what the server checks of each entry before it stores it, and the
//! incremental replay with the core's own checked replay (`replay_entry`, the code
//! `scs-sim score` and the window use), kept per attempt between entries.

use super::deal;
use super::store::{AttemptRow, StoredEntry};
use crate::session::command::AccessRequest;
use crate::session::replay::{Divergence, replay_entry};
use crate::session::{Command, LogEntry, Refusal, Role, Session};
use crate::training::exercise::{Exercise, StartError};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Mutex;

/// Wall-clock seconds of leeway for the network and the client's frame: an entry may be
/// this much (times the speed) ahead of the attempt's clock.
const LEEWAY_S: f64 = 2.0;

/// Replays kept in memory at most (each a session; more are rebuilt from the store).
const KEPT: usize = 4096;

/// An entry as the client sends it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WireEntry {
    /// Its number in the attempt, from 1, one more than the last acknowledged.
    pub seq: i64,
    /// Simulated time, s.
    pub t_s: f64,
    /// Who sent the command.
    pub sender: Role,
    /// The command.
    pub command: Command,
    /// The client's outcome: `null` when its session accepted it, else the refusal.
    #[serde(default)]
    pub outcome: Option<Refusal>,
}

/// Why an entry is refused. Nothing of it is stored; the attempt stays as it was.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    /// Not the entry after the last acknowledged one.
    #[error("entry {got} is out of sequence: the next entry of this attempt is {expected}")]
    OutOfSequence {
        /// The number expected.
        expected: i64,
        /// The number sent.
        got: i64,
    },
    /// A sender a trainee may not use in an exercise.
    #[error(
        "the {sender} may not act in this exercise: a trainee sends only the patient's remote and the clinician programmer"
    )]
    Sender {
        /// The sender in words.
        sender: &'static str,
    },
    /// Simulated time not a finite, non-negative number.
    #[error("entry {seq}'s simulated time is not a time")]
    BadTime {
        /// The entry.
        seq: i64,
    },
    /// Before the previous entry.
    #[error("entry {seq} at {t_s:.1} s comes before the previous entry's {last_s:.1} s")]
    BackInTime {
        /// The entry.
        seq: i64,
        /// Its time, s.
        t_s: f64,
        /// The previous entry's, s.
        last_s: f64,
    },
    /// Ahead of what the attempt's speed allows for the wall time since it started.
    #[error(
        "entry {seq} at {t_s:.1} s runs ahead of the attempt's clock: its speed allows {allowed_s:.1} s so far"
    )]
    AheadOfTime {
        /// The entry.
        seq: i64,
        /// Its time, s.
        t_s: f64,
        /// The simulated time the attempt may have reached, s.
        allowed_s: f64,
    },
    /// Past the exercise's time.
    #[error("entry {seq} at {t_s:.1} s is past the exercise's {budget_s:.0} s: time is up")]
    PastBudget {
        /// The entry.
        seq: i64,
        /// Its time, s.
        t_s: f64,
        /// The exercise's time budget, s.
        budget_s: f64,
    },
    /// The client's outcome is not the server's.
    #[error("entry {seq}'s outcome is not the server's: {}", divergence.what())]
    Outcome {
        /// The entry.
        seq: i64,
        /// Where the replay differs.
        divergence: Box<Divergence>,
    },
    /// A finish at a time the attempt cannot have reached, or before its last entry.
    #[error(
        "the attempt cannot end at {t_s:.1} s: it stands between {last_s:.1} s and {allowed_s:.1} s"
    )]
    EndTime {
        /// The end time asked, s.
        t_s: f64,
        /// The last entry's time, s.
        last_s: f64,
        /// The simulated time the attempt may have reached, s.
        allowed_s: f64,
    },
    /// The attempt was graded.
    #[error("this attempt is over ({how}): it takes no more entries")]
    Over {
        /// `finished` or `timed-out`.
        how: String,
    },
}

/// The simulated time an attempt may have reached at `now_ms` (with the leeway).
pub fn allowed_s(a: &AttemptRow, now_ms: i64) -> f64 {
    clock_after(a, now_ms, LEEWAY_S)
}

/// The attempt's clock at `now_ms`: simulated time at its speed since it started (without
/// the leeway: what the trainee, the roster and a watcher are shown).
pub fn clock_s(a: &AttemptRow, now_ms: i64) -> f64 {
    clock_after(a, now_ms, 0.0)
}

/// Simulated time at the attempt's speed for the wall time since it started plus
/// `extra_s`, and the days at home its next visits passed at once, at most its budget.
fn clock_after(a: &AttemptRow, now_ms: i64, extra_s: f64) -> f64 {
    let wall_s = (now_ms - a.started_ms).max(0) as f64 / 1000.0;
    (a.speed * (wall_s + extra_s) + a.skipped_s).min(a.budget_s)
}

/// The time entry `e` passes at once when it is stored: a next visit's gap, if the
/// client's session took it (the replay has just agreed), else 0.
pub fn skip_s(e: &WireEntry) -> f64 {
    match (&e.command, &e.outcome) {
        (Command::Access(AccessRequest::NextVisit { after_s }), None) => *after_s,
        _ => 0.0,
    }
}

/// The checks that need no replay: sequence, sender, time.
pub fn check(a: &AttemptRow, e: &WireEntry, now_ms: i64) -> Result<(), Refused> {
    if let Some(ending) = &a.ending {
        return Err(Refused::Over {
            how: ending.how.clone(),
        });
    }
    if e.seq != a.last_seq + 1 {
        return Err(Refused::OutOfSequence {
            expected: a.last_seq + 1,
            got: e.seq,
        });
    }
    if !matches!(e.sender, Role::Patient | Role::Clinician) {
        return Err(Refused::Sender {
            sender: e.sender.words(),
        });
    }
    if !e.t_s.is_finite() || e.t_s < 0.0 {
        return Err(Refused::BadTime { seq: e.seq });
    }
    if e.t_s < a.last_t_s {
        return Err(Refused::BackInTime {
            seq: e.seq,
            t_s: e.t_s,
            last_s: a.last_t_s,
        });
    }
    if e.t_s > a.budget_s {
        return Err(Refused::PastBudget {
            seq: e.seq,
            t_s: e.t_s,
            budget_s: a.budget_s,
        });
    }
    // A next visit after the exercise's time would pass days the attempt does not have.
    let visit_end = e.t_s + skip_s(e);
    if visit_end > a.budget_s {
        return Err(Refused::PastBudget {
            seq: e.seq,
            t_s: visit_end,
            budget_s: a.budget_s,
        });
    }
    let allowed = allowed_s(a, now_ms);
    if e.t_s > allowed {
        return Err(Refused::AheadOfTime {
            seq: e.seq,
            t_s: e.t_s,
            allowed_s: allowed,
        });
    }
    Ok(())
}

/// The simulated time a finish at `t_s` ends the attempt at, when it can.
pub fn end_time(a: &AttemptRow, t_s: f64, now_ms: i64) -> Result<f64, Refused> {
    let allowed = allowed_s(a, now_ms);
    if t_s.is_finite() && t_s >= a.last_t_s && t_s <= allowed {
        Ok(t_s)
    } else {
        Err(Refused::EndTime {
            t_s,
            last_s: a.last_t_s,
            allowed_s: allowed,
        })
    }
}

/// The log entry of a wire entry.
pub fn log_entry(e: &WireEntry) -> LogEntry {
    LogEntry {
        t_s: e.t_s,
        role: e.sender,
        command: e.command.clone(),
        refused: e.outcome.clone(),
    }
}

/// The stored form of an entry (JSON columns), received at `received_ms`.
pub fn stored(e: &WireEntry, received_ms: i64) -> Result<StoredEntry, serde_json::Error> {
    Ok(StoredEntry {
        seq: e.seq,
        t_s: e.t_s,
        sender: serde_json::to_string(&e.sender)?,
        command: serde_json::to_string(&e.command)?,
        outcome: e.outcome.as_ref().map(serde_json::to_string).transpose()?,
        received_ms,
    })
}

/// The log entry of a stored entry.
pub fn from_stored(e: &StoredEntry) -> Result<LogEntry, serde_json::Error> {
    Ok(LogEntry {
        t_s: e.t_s,
        role: serde_json::from_str(&e.sender)?,
        command: serde_json::from_str(&e.command)?,
        refused: e.outcome.as_deref().map(serde_json::from_str).transpose()?,
    })
}

/// Applies `entry` to the replay `s` and compares outcomes (the session is left as the
/// entry made it; on a divergence, throw it away).
pub fn replay(s: &mut Session, entry: &LogEntry) -> Result<(), Box<Divergence>> {
    replay_entry(s, s.log.len(), entry)
}

/// Why an attempt's replay could not be rebuilt from the store.
#[derive(Debug, thiserror::Error)]
pub enum RebuildError {
    /// The exercise's start failed.
    #[error(transparent)]
    Start(#[from] StartError),
    /// A stored entry no longer replays (the rules changed since it was stored).
    #[error("a stored entry no longer replays: {0}")]
    Diverged(#[from] Box<Divergence>),
}

/// The replay of an attempt from its start through `entries`.
pub fn rebuild(
    exercise: &Exercise,
    seed: u64,
    entries: &[LogEntry],
) -> Result<Session, RebuildError> {
    let mut s = deal::start(exercise, seed)?;
    for e in entries {
        replay(&mut s, e)?;
    }
    Ok(s)
}

/// Each attempt's replay after its last acknowledged entry, kept between entries so that
/// an entry costs one step. The store is the truth: a replay is used only when it stands
/// at the attempt's last entry there, else it is rebuilt from the stored entries.
#[derive(Default)]
pub struct Replays {
    kept: Mutex<HashMap<String, (i64, Session)>>,
}

impl Replays {
    /// Takes the replay of `attempt` if it stands at entry `last_seq`.
    pub fn take(&self, attempt: &str, last_seq: i64) -> Option<Session> {
        let mut kept = self.kept.lock().ok()?;
        match kept.remove(attempt) {
            Some((seq, s)) if seq == last_seq => Some(s),
            _ => None,
        }
    }

    /// Keeps the replay of `attempt` standing at entry `seq`, unless one further on is kept
    /// already (the dashboard reads a replay while the next entry is being taken).
    pub fn put(&self, attempt: &str, seq: i64, s: Session) {
        if let Ok(mut kept) = self.kept.lock() {
            if kept.get(attempt).is_some_and(|(at, _)| *at > seq) {
                return;
            }
            if kept.len() >= KEPT {
                kept.clear();
            }
            kept.insert(attempt.to_string(), (seq, s));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An attempt at 10× with a 600 s budget, started at wall time 0.
    fn attempt() -> AttemptRow {
        AttemptRow {
            id: "a".into(),
            student_id: "s".into(),
            assignment_id: "x".into(),
            exercise: "thresholds".into(),
            seed: 1,
            speed: 10.0,
            budget_s: 600.0,
            started_ms: 0,
            deadline_ms: 90_000,
            last_seq: 0,
            last_t_s: 0.0,
            skipped_s: 0.0,
            ending: None,
        }
    }

    #[test]
    fn the_clock_shown_has_no_leeway_and_the_entries_allowed_do() {
        let a = attempt();
        // At the start the trainee is shown 0:00, but an entry may be 20 s ahead.
        assert_eq!(clock_s(&a, 0), 0.0);
        assert_eq!(allowed_s(&a, 0), 10.0 * LEEWAY_S);
        assert_eq!(clock_s(&a, 30_000), 300.0);
        // Both stop at the budget.
        assert_eq!(clock_s(&a, 120_000), 600.0);
        assert_eq!(allowed_s(&a, 120_000), 600.0);
    }

    #[test]
    fn a_next_visit_moves_the_clock_on_by_its_gap_and_nothing_else_does() {
        let visit = |outcome| WireEntry {
            seq: 1,
            t_s: 10.0,
            sender: Role::Clinician,
            command: AccessRequest::NextVisit { after_s: 7200.0 }.into(),
            outcome,
        };
        assert_eq!(skip_s(&visit(None)), 7200.0);
        // A visit the session refused passes no time; nor does any other command.
        assert_eq!(skip_s(&visit(Some(Refusal::NotAllowed))), 0.0);
        let other = WireEntry {
            command: AccessRequest::LeaveClinician.into(),
            ..visit(None)
        };
        assert_eq!(skip_s(&other), 0.0);
        let a = AttemptRow {
            budget_s: 86_400.0,
            skipped_s: 7200.0,
            ..attempt()
        };
        assert_eq!(clock_s(&a, 30_000), 7500.0);
        // An entry two hours ahead of the speed alone is taken after the visit.
        let later = WireEntry {
            t_s: 7400.0,
            command: AccessRequest::LeaveClinician.into(),
            ..visit(None)
        };
        assert!(check(&a, &later, 30_000).is_ok());
        assert!(check(&attempt(), &later, 30_000).is_err());
    }
}
