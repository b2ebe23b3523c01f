//! Session files: the patient, the seed and every command with its simulated time and
//! outcome. Replaying them rebuilds the session exactly, because the core is deterministic,
//! and checks that every command meets the same outcome as when it was recorded.

use super::replay::Divergence;
use super::{LogEntry, Role, Session};
use crate::files::{self, FileError};
use crate::library;
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
    /// The exercise let the patient be asked to move (its own file says so; a grade
    /// replays from the exercise, never from this).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub patient_moves: bool,
    /// Simulated time reached, s.
    pub t_s: f64,
    /// Every command, accepted or refused, with its time.
    pub log: Vec<LogEntry>,
    /// The trainee's name, when the window or `simulate --trainee` knew it (files saved
    /// before names were kept have none, and stay readable: nothing is written for none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trainee: Option<String>,
    /// The day it was saved (`YYYY-MM-DD`, UTC), set at the edge from the wall clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// SHA-256 over the content, written by scs-sim when it saves; a hand edit no longer
    /// matches it. Not a signature: see README, "Security and integrity".
    #[serde(default)]
    pub checksum: Option<String>,
}

/// Longest session a file may hold, simulated seconds (30 days): replaying it is bounded.
pub const MAX_SESSION_S: f64 = 30.0 * 86_400.0;

/// Whether a recording is as scs-sim wrote it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Integrity {
    /// Its checksum matches its content.
    Intact,
    /// It has no checksum (written by hand or by a script).
    Unsigned,
    /// Its content no longer matches the checksum scs-sim wrote.
    Edited,
}

impl Integrity {
    /// In words, for `check`, `score` and the window.
    pub fn words(self) -> &'static str {
        match self {
            Integrity::Intact => "saved by scs-sim, unchanged",
            Integrity::Unsigned => "not saved by scs-sim (it has no checksum)",
            Integrity::Edited => "edited outside scs-sim (its checksum no longer matches)",
        }
    }
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
            patient_moves: session.patient_moves,
            t_s: session.t_s,
            log: session.log.clone(),
            trainee: None,
            date: None,
            checksum: None,
        }
        .sealed()
    }

    /// The recording signed with whose it is (`trainee`, `date`), sealed again.
    #[must_use]
    pub fn whose(mut self, trainee: Option<&str>, date: Option<&str>) -> Recording {
        self.trainee = trainee
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        self.date = date.map(str::to_string);
        self.sealed()
    }

    /// The file name a save of this recording gets: `<exercise>-<name>-<date>.ron` (the
    /// patient stands for the exercise outside one; a missing name or date is left out).
    pub fn file_name(&self) -> String {
        let what = self.exercise.as_deref().unwrap_or(&self.patient);
        let mut parts = vec![slug(what)];
        parts.extend(self.trainee.as_deref().map(slug).filter(|s| !s.is_empty()));
        parts.extend(self.date.clone());
        format!("{}.ron", parts.join("-"))
    }

    /// The SHA-256 (hex) of the recording's content without its checksum.
    fn digest(&self) -> String {
        use sha2::{Digest, Sha256};
        let bare = Recording {
            checksum: None,
            ..self.clone()
        };
        let text = ron::to_string(&bare).unwrap_or_default();
        let mut hash = Sha256::new();
        hash.update(b"scs-sim session v2\n");
        hash.update(text.as_bytes());
        hash.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The recording with its checksum set.
    pub fn sealed(mut self) -> Recording {
        self.checksum = Some(self.digest());
        self
    }

    /// Whether the content is as scs-sim saved it.
    pub fn integrity(&self) -> Integrity {
        match &self.checksum {
            None => Integrity::Unsigned,
            Some(c) if *c == self.digest() => Integrity::Intact,
            Some(_) => Integrity::Edited,
        }
    }

    /// Rebuilds the session by replaying every command at its time, checking each outcome.
    pub fn replay(&self) -> Result<Session, ReplayError> {
        self.replay_until(self.t_s)
    }

    /// The session as it was at simulated time `t_s` (for a replay scrubber), checking the
    /// outcome of every command on the way.
    pub fn replay_until(&self, t_s: f64) -> Result<Session, ReplayError> {
        let mut replay = super::stepwise::Stepwise::start(self.clone(), t_s)?;
        replay.step(f64::INFINITY)?;
        Ok(replay.finish().0)
    }
}

/// Longest trainee name a session file holds, characters.
pub const MAX_TRAINEE_CHARS: usize = 80;

/// `text` as a piece of a file name: letters and digits kept (lower case), every other run
/// of characters one `-` (a session's, a chart's).
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-')
        .chars()
        .take(MAX_TRAINEE_CHARS)
        .collect()
}

/// The day (`YYYY-MM-DD`, UTC) of `unix_s` seconds since 1970: what a saved session
/// records as its date (the caller reads the wall clock).
pub fn date_of(unix_s: u64) -> String {
    let at = std::time::UNIX_EPOCH + std::time::Duration::from_secs(unix_s);
    humantime::format_rfc3339_seconds(at)
        .to_string()
        .chars()
        .take(10)
        .collect()
}

/// Saves a session atomically (refused as [`encode`] refuses).
pub fn save(path: &Path, session: &Session, patient: &str) -> Result<(), FileError> {
    save_recording(path, &Recording::of(session, patient))
}

/// Saves a recording atomically (refused as [`encode_recording`] refuses).
pub fn save_recording(path: &Path, recording: &Recording) -> Result<(), FileError> {
    files::write_atomic(path, encode_recording(path, recording)?.as_bytes())
}

/// The text of a session file (what [`save`] writes at `path`), for a browser to download.
///
/// A session longer than [`MAX_SESSION_S`], or whose text is larger than
/// [`files::MAX_FILE_BYTES`], is refused, as reading it back would be.
pub fn encode(path: &Path, session: &Session, patient: &str) -> Result<String, FileError> {
    encode_recording(path, &Recording::of(session, patient))
}

/// The text of a recording's file (refused as [`encode`] says).
pub fn encode_recording(path: &Path, recording: &Recording) -> Result<String, FileError> {
    if recording.t_s > MAX_SESSION_S {
        return Err(FileError::whole(
            path,
            format!(
                "a session file holds at most {MAX_SESSION_S} s (30 days) of simulated time; this one ran {:.0} s",
                recording.t_s
            ),
        ));
    }
    let text = files::ron_text(path, recording)?;
    // What scs-sim saves it can read back.
    if text.len() as u64 > files::MAX_FILE_BYTES {
        return Err(FileError::whole(
            path,
            format!(
                "this session's log is {} MB, more than the {} MB scs-sim reads back: a command in it holds a very long text",
                text.len() / (1024 * 1024),
                files::MAX_FILE_BYTES / (1024 * 1024)
            ),
        ));
    }
    Ok(text)
}

/// Checks and parses a session file's bytes (picked in a browser, named `name`).
pub fn from_bytes(name: &Path, bytes: &[u8]) -> Result<Recording, FileError> {
    parse(name, &files::text_from_bytes(name, bytes)?)
}

/// Reads and checks a session file without replaying it.
pub fn read(path: &Path) -> Result<Recording, FileError> {
    let text = files::read_text(path)?;
    parse(path, &text)
}

/// Parses and checks a session file's text without replaying it.
pub fn parse(path: &Path, text: &str) -> Result<Recording, FileError> {
    let recording: Recording = files::parse_ron_versioned(path, text, SESSION_VERSION, OLDER)?;
    let problem = |m: String| Err(FileError::whole(path, m));
    if !recording.t_s.is_finite() || !(0.0..=MAX_SESSION_S).contains(&recording.t_s) {
        return problem(format!(
            "t_s must be a time from 0 to {MAX_SESSION_S} s (30 days); it is {}",
            recording.t_s
        ));
    }
    let mut last = 0.0;
    for (i, e) in recording.log.iter().enumerate() {
        if !e.t_s.is_finite() || e.t_s < last || e.t_s > recording.t_s {
            return problem(format!(
                "entry {} of the log is at t = {} s: times must run forward from 0 to the session's end ({} s)",
                i + 1,
                e.t_s,
                recording.t_s
            ));
        }
        last = e.t_s;
    }
    for (what, name) in [
        ("patient", Some(&recording.patient)),
        ("exercise", recording.exercise.as_ref()),
    ] {
        if let Some(name) = name.filter(|n| !files::is_plain_id(n)) {
            return problem(format!(
                "the {what} '{}' is not a built-in id: session files name built-in patients and exercises, never files",
                files::shorten(name)
            ));
        }
    }
    whose_ok(path, &recording)?;
    library::open(&recording.patient)?;
    Ok(recording)
}

/// Refuses a trainee name that is too long or holds control characters, and a date that
/// is not `YYYY-MM-DD`.
fn whose_ok(path: &Path, recording: &Recording) -> Result<(), FileError> {
    if let Some(name) = &recording.trainee
        && (name.chars().count() > MAX_TRAINEE_CHARS || name.chars().any(char::is_control))
    {
        return Err(FileError::whole(
            path,
            format!(
                "the trainee's name '{}' must be at most {MAX_TRAINEE_CHARS} characters on one line",
                files::shorten(name)
            ),
        ));
    }
    let day = |d: &str| {
        d.len() == 10
            && d.char_indices().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            })
    };
    match &recording.date {
        Some(d) if !day(d) => Err(FileError::whole(
            path,
            format!(
                "the date '{}' is not a day written YYYY-MM-DD",
                files::shorten(d)
            ),
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        let (patient, device) = library::default_patient();
        Session::new(patient, device, Role::Patient, 1)
    }

    #[test]
    fn a_file_without_a_name_keeps_its_checksum_and_a_named_one_is_sealed_with_it() {
        let plain = Recording::of(&session(), "fbss");
        let text = ron::to_string(&plain).unwrap();
        assert!(
            !text.contains("trainee") && !text.contains("date"),
            "{text}"
        );
        let back = parse(Path::new("x.ron"), &text).unwrap();
        assert_eq!(
            back.integrity(),
            Integrity::Intact,
            "older files read as before"
        );
        let named = plain.whose(Some(" Ana Lima "), Some("2026-12-04"));
        assert_eq!(named.trainee.as_deref(), Some("Ana Lima"));
        assert_eq!(named.integrity(), Integrity::Intact);
        let forged = Recording {
            trainee: Some("Ben".into()),
            ..named.clone()
        };
        assert_eq!(forged.integrity(), Integrity::Edited, "the name is sealed");
        assert_eq!(named.file_name(), "fbss-ana-lima-2026-12-04.ron");
        assert_eq!(
            named.clone().whose(Some(""), None).file_name(),
            "fbss.ron",
            "no name, no date: the patient alone"
        );
    }

    #[test]
    fn the_date_is_the_utc_day_and_a_bad_name_or_date_is_refused() {
        assert_eq!(date_of(0), "1970-01-01");
        assert_eq!(date_of(1_796_418_329), "2026-12-04");
        let named = Recording::of(&session(), "fbss");
        for (trainee, date) in [
            (Some("x".repeat(81)), None),
            (Some("two\nlines".to_string()), None),
            (None, Some("04/12/2026".to_string())),
        ] {
            let r = Recording {
                trainee,
                date,
                ..named.clone()
            };
            let text = ron::to_string(&r).unwrap();
            assert!(parse(Path::new("x.ron"), &text).is_err(), "{text}");
        }
    }
}
