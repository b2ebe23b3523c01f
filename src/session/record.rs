//! Session files: the patient, the seed and every command with its simulated time and
//! outcome. Replaying them rebuilds the session exactly, because the core is deterministic,
//! and checks that every command meets the same outcome as when it was recorded.

use super::replay::{Divergence, replay_entry};
use super::{LogEntry, Role, Session};
use crate::files::{self, FileError};
use crate::patient::library;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Session file format this build reads and writes. Version 2 groups commands by sender
/// and records refusals as typed reasons.
pub const SESSION_VERSION: u32 = 2;

/// What changed since the older session formats, for the refusal of an old file.
const OLDER: &str = "session files of version 1 were written before commands were grouped by \
sender and refusals recorded by rule, so they cannot be replayed faithfully: record the \
session again with this scs-sim";

/// A recorded session as written in RON (`Session(...)`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Session")]
pub struct Recording {
    /// File format version.
    pub version: u32,
    /// Built-in patient id or patient file path.
    pub patient: String,
    /// Seed of the session's randomness.
    pub seed: u64,
    /// Role the session started in.
    pub role: Role,
    /// The exercise practised (its id), if any.
    #[serde(default)]
    pub exercise: Option<String>,
    /// Simulated time reached, s.
    pub t_s: f64,
    /// Every command, accepted or refused, with its time.
    pub log: Vec<LogEntry>,
}

/// Why a recording could not be replayed.
#[derive(Debug, thiserror::Error)]
pub enum ReplayError {
    /// Its patient could not be found or read.
    #[error("{0}")]
    File(#[from] FileError),
    /// A command met another outcome than the one recorded.
    #[error("the replay differs from the recording: {0}")]
    Diverged(#[from] Box<Divergence>),
}

impl Recording {
    /// The recording of a session; `patient` names where its patient came from.
    pub fn of(session: &Session, patient: &str) -> Recording {
        Recording {
            version: SESSION_VERSION,
            patient: patient.to_string(),
            seed: session.seed,
            role: session.start_role,
            exercise: session.exercise.clone(),
            t_s: session.t_s,
            log: session.log.clone(),
        }
    }

    /// Rebuilds the session by replaying every command at its time, checking each outcome.
    pub fn replay(&self) -> Result<Session, ReplayError> {
        self.replay_until(self.t_s)
    }

    /// The session as it was at simulated time `t_s` (for a replay scrubber), checking the
    /// outcome of every command on the way.
    pub fn replay_until(&self, t_s: f64) -> Result<Session, ReplayError> {
        let (patient, device) = library::find(&self.patient)?;
        let mut s = Session::new(patient, device, self.role, self.seed);
        s.exercise = self.exercise.clone();
        let t_s = if t_s.is_finite() {
            t_s.clamp(0.0, self.t_s.max(0.0))
        } else {
            0.0
        };
        for (i, entry) in self
            .log
            .iter()
            .enumerate()
            .take_while(|(_, e)| e.t_s <= t_s)
        {
            replay_entry(&mut s, i, entry)?;
        }
        s.advance_to(t_s);
        Ok(s)
    }
}

/// Saves a session atomically.
pub fn save(path: &Path, session: &Session, patient: &str) -> Result<(), FileError> {
    files::save_ron(path, &Recording::of(session, patient))
}

/// Reads and checks a session file without replaying it.
pub fn read(path: &Path) -> Result<Recording, FileError> {
    let text = files::read_text(path)?;
    parse(path, &text)
}

/// Parses and checks a session file's text without replaying it.
pub fn parse(path: &Path, text: &str) -> Result<Recording, FileError> {
    let recording: Recording = files::parse_ron_versioned(path, text, SESSION_VERSION, OLDER)?;
    if !recording.t_s.is_finite() || recording.t_s < 0.0 {
        return Err(FileError::whole(
            path,
            "t_s must be a time in seconds, 0 or more",
        ));
    }
    if let Some(e) = recording
        .log
        .iter()
        .find(|e| !e.t_s.is_finite() || e.t_s < 0.0 || e.t_s > recording.t_s)
    {
        return Err(FileError::whole(
            path,
            format!(
                "a command at t = {} s lies outside the session (0–{} s)",
                e.t_s, recording.t_s
            ),
        ));
    }
    library::find(&recording.patient)?;
    Ok(recording)
}
