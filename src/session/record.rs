//! Session files: the patient, the seed and every command with its simulated time. Replaying
//! them rebuilds the session exactly, because the core is deterministic.

use super::{LogEntry, Role, Session};
use crate::files::{self, FORMAT_VERSION, FileError};
use crate::library;
use serde::{Deserialize, Serialize};
use std::path::Path;

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

impl Recording {
    /// The recording of a session; `patient` names where its patient came from.
    pub fn of(session: &Session, patient: &str) -> Recording {
        Recording {
            version: FORMAT_VERSION,
            patient: patient.to_string(),
            seed: session.seed,
            role: session.start_role,
            exercise: session.exercise.clone(),
            t_s: session.t_s,
            log: session.log.clone(),
        }
    }

    /// Rebuilds the session by replaying every command at its time.
    pub fn replay(&self) -> Result<Session, FileError> {
        self.replay_until(self.t_s)
    }

    /// The session as it was at simulated time `t_s` (for a replay scrubber).
    pub fn replay_until(&self, t_s: f64) -> Result<Session, FileError> {
        let (patient, device) = library::find(&self.patient)?;
        let mut s = Session::new(patient, device, self.role, self.seed);
        s.exercise = self.exercise.clone();
        let t_s = t_s.clamp(0.0, self.t_s);
        for entry in self.log.iter().take_while(|e| e.t_s <= t_s) {
            s.advance_to(entry.t_s);
            match entry.command {
                // PINs are not recorded: replay the outcome of a login; keep the PIN as it is.
                super::Command::EnterClinician { .. } => {
                    s.replay_login(entry);
                    continue;
                }
                super::Command::SetClinicianPin { .. } => {
                    s.log.push(entry.clone());
                    continue;
                }
                _ => {}
            }
            // Refused commands are replayed too: they are refused again and logged again.
            let _ = s.apply_as(entry.role, entry.command.clone());
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
    let recording: Recording = files::parse_ron(path, &text)?;
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

/// Loads a session file and replays it.
pub fn load(path: &Path) -> Result<Session, FileError> {
    read(path)?.replay()
}
