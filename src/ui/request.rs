//! What panels read (a read-only view of one frame) and what they ask the shell to do.

use super::prefs::{Palette, Prefs};
use crate::session::view::View;
use crate::session::{Command, Session};
use crate::training::exercise::Exercise;
use crate::ui::mode::Mode;

/// What every panel may read while drawing one frame. Nothing in it can be changed: a
/// panel that wants a change returns a [`Request`].
pub struct Shared<'a> {
    /// The running simulation.
    pub session: &'a Session,
    /// The session as it is now.
    pub view: &'a View,
    /// Built-in id of the patient.
    pub patient_id: &'a str,
    /// Remembered settings.
    pub prefs: &'a Prefs,
    /// The colours in use.
    pub palette: Palette,
    /// Who is at the controls.
    pub mode: Mode,
    /// The running exercise, if any.
    pub exercise: Option<&'a Exercise>,
    /// Wall time of this frame (egui's clock), s.
    pub now: f64,
    /// Blind mode: the patient is the only source (no thresholds, coverage, relief or
    /// tingling overlay on screen).
    pub blind: bool,
}

/// A change a panel asks for; the shell applies it after the panels are drawn.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// Send a command as the patient (remote keys, keyboard, posture); a refusal is shown
    /// on the remote's screen.
    Patient(Command),
    /// Send a command as the clinician; a refusal is shown in the programmer.
    Clinician(Command),
    /// End the visit: the patient goes home and is seen again this many seconds later.
    NextVisit(f64),
    /// Try this clinician PIN (it unlocks the programmer, never the teacher's controls).
    Login(String),
    /// Change the clinician PIN (and remember its hash); the old one is needed.
    NewPin {
        /// The present PIN.
        old: String,
        /// The new PIN.
        new: String,
    },
    /// Try this Teach password (it opens the teacher's controls, and only them).
    TeachLogin(String),
    /// Set the Teach password (first use: `old` is `None`) or change it (`old` is the
    /// present one); `new` typed twice.
    SetTeachPassword {
        /// The present password, for a change.
        old: Option<String>,
        /// The new password.
        new: String,
        /// The new password typed again.
        repeat: String,
    },
    /// Leave the clinician programmer and the teacher's controls: back to the patient.
    Leave,
    /// An event of the world (teacher): applied as the session's role.
    Event(Command),
    /// Start a new session on this built-in patient.
    OpenPatient(String),
    /// A new practice patient from this seed.
    Practice(u64),
    /// Switch who is at the controls.
    SetMode(Mode),
    /// Replace the remembered settings (theme, panels, speed, zoom).
    SetPrefs(Prefs),
    /// Pause, or resume at the last running speed.
    TogglePause,
    /// Zoom one step in (+1), out (−1) or back to 1 (0).
    Zoom(i32),
    /// Show the next panel full-window (F5), or the whole window after the last.
    NextPresenter,
    /// Show this panel full-window, or the whole window (`None`, Esc).
    Present(Option<super::presenter::Presenting>),
    /// Show this chart full-window, or the whole window again (`None`, Esc).
    PresentChart(Option<Box<crate::ui::chart::Chart>>),
    /// Open or close the help overlay.
    ToggleHelp,
    /// Esc: close the help overlay if it is open, else leave the presenter.
    Escape,
    /// Start this exercise.
    StartExercise(String),
    /// Score the running exercise and show the debrief.
    Finish,
    /// Save, load or export a session file.
    File(FileRequest),
    /// Jump the replay to this time.
    Scrub(f64),
    /// Restore the session found after a crash (replayed across frames).
    Restore,
    /// Stop restoring it: it is offered again.
    StopRestoring,
    /// Forget the session found after a crash.
    Discard,
    /// Open the *Join class* window.
    JoinClass,
    /// Leave the read-only view of a watched or followed session.
    StopWatching,
    /// Remember this as the trainee's name (saved sessions and debriefs carry it).
    SetTrainee(String),
    /// Show this sentence in the status line.
    Status(String),
    /// Hide the status line.
    DismissStatus,
}

/// What to do with a session file.
#[derive(Clone, Debug, PartialEq)]
pub enum FileRequest {
    /// Save the session to this path (in a browser: download it under this name).
    Save(String),
    /// Load (and replay) the session at this path.
    Load(String),
    /// Load (and replay) this session file, picked in the browser.
    #[cfg(target_arch = "wasm32")]
    Opened(crate::ui::platform::file_io::Picked),
    /// Export series and actions as CSV next to this session path.
    ExportCsv(String),
}
