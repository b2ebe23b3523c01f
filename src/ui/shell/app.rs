//! The application: the session, what every panel shares, the panels themselves, and
//! what tests, benchmarks and the platform read and set on it.

use super::clock::Clock;
use super::frame_log::FrameLog;
use super::help::HelpPanel;
use super::recovery::RecoveryPanel;
use super::toolbar::Toolbar;
use crate::implant::stim::ReliefMap;
use crate::library;
use crate::session::record::Recording;
use crate::session::{Role, Session};
use crate::training::cohort::CohortReport;
use crate::training::exercise::Exercise;
use crate::training::score::ScoreReport;
use crate::ui::answers::Answers;
use crate::ui::implant::registry::ImplantDesks;
use crate::ui::login::Login;
use crate::ui::mode::Mode;
use crate::ui::platform::autosave::Autosave;
use crate::ui::prefs::{Prefs, SecretLock, Speed};
use crate::ui::teach::debrief::DebriefPanel;
use crate::ui::teach::door::TeachDoor;
use crate::ui::teach::teacher::TeacherPanel;
use std::path::PathBuf;
use web_time::Instant;

/// Where eframe keeps the preferences.
pub(crate) const PREFS_KEY: &str = "scs-sim-prefs";

/// Every panel of the window, each owning its own state.
#[derive(Debug, Default)]
pub(crate) struct Panels {
    pub toolbar: Toolbar,
    pub recovery: RecoveryPanel,
    /// The core's last answers on the remote's screen and the programmer's line.
    pub answers: Answers,
    /// The clinician PIN prompt of every implant's programmer.
    pub login: Login,
    /// The Teach password prompt (the teacher's controls' own door).
    pub door: TeachDoor,
    /// Each implant's panels; [`panels_for`] picks the session's.
    pub implants: ImplantDesks,
    pub teacher: TeacherPanel,
    pub help: HelpPanel,
    pub debrief: DebriefPanel,
    pub replay_bar: crate::ui::teach::replay_bar::ReplayBar,
    /// The class desk: joining a class, its assignments, the attempt's live record.
    pub class: crate::ui::class::ClassDesk,
    /// The read-only view's stream (watching a trainee, following the teacher), if any.
    pub watch: Option<crate::ui::class::watch::Watch>,
    /// The trainee's name, asked once.
    pub name_prompt: super::name_prompt::NamePrompt,
    /// Which half a window too narrow for the tools and the patient shows.
    pub narrow: super::narrow::Narrow,
    /// A chart shown full-window (relief map, cohort, A/B, pulse train, pain), if any.
    pub chart: Option<crate::ui::chart::present::Presented>,
}

/// The application: the session, what the panels share, and the panels.
pub struct App {
    /// The running simulation.
    pub(crate) session: Session,
    /// Built-in id of the patient.
    pub(crate) patient_id: String,
    /// Remembered settings.
    pub(crate) prefs: Prefs,
    /// Who is at the controls.
    pub(crate) mode: Mode,
    /// The Teach password was entered: the teacher's controls are open (leaving Teach,
    /// starting an exercise or restoring a session closes them).
    pub(crate) unlocked: bool,
    /// The PIN's and the Teach password's hashes and lock-outs as last written to the
    /// app's storage.
    pub(crate) saved_locks: (SecretLock, SecretLock),
    /// The running exercise.
    pub(crate) exercise: Option<Exercise>,
    /// The seed every exercise started here uses (a teacher giving a class one patient);
    /// `None`: each attempt draws its own.
    pub(crate) attempt_seed: Option<u64>,
    /// The user's own speed while an exercise or a replay fixes the speed (it comes back
    /// when the exercise ends; the preferences remember it, not the fixed one).
    pub(crate) own_speed: Option<Speed>,
    /// The status line (saves, loads, problems).
    pub(crate) status: Option<String>,
    /// Simulated time and autosave.
    pub(crate) clock: Clock,
    /// The panels.
    pub(crate) panels: Panels,
    /// When set (`SCS_SIM_FIRST_FRAME=1`), the start time: the first frame prints how long
    /// it took and closes the window, to measure start-up.
    pub(crate) first_frame_probe: Option<Instant>,
    /// The window is cleared to the panel colour and the panels paint no background (the
    /// real window; tests paint the panels, their renderer clears to transparent).
    pub(crate) clear_behind_panels: bool,
    /// The panel shown full-window (presenter mode), if any.
    pub(crate) presenting: Option<crate::ui::presenter::Presenting>,
    /// Frames drawn since the window opened.
    pub(crate) frames: u64,
    /// The theme and panel background last applied (set again only when they change).
    pub(crate) styled: Option<(bool, bool)>,
    /// The window was fitted to the monitor (done once).
    pub(crate) fitted: bool,
    /// When the last frame asked for was due (the beat of [`App::wait_for_next`]).
    pub(crate) last_due: Option<Instant>,
    /// When set (`SCS_SIM_FRAME_LOG=1`), counts frames and prints the rate every 5 s.
    pub(crate) frame_log: Option<FrameLog>,
}

impl App {
    /// A window on the remembered patient; `autosave` is where the running session is
    /// saved (and, if a file is there already, the session offered back after a crash).
    pub fn new(prefs: Prefs, autosave: Option<PathBuf>) -> App {
        App::with_autosave(prefs, autosave.map(Autosave::File))
    }

    /// A window with the preferences eframe remembered in `storage` (none yet: the
    /// defaults), autosaving to `autosave`; what the desktop and the browser both start.
    pub(crate) fn from_storage(
        storage: Option<&dyn eframe::Storage>,
        autosave: Option<Autosave>,
    ) -> App {
        let prefs = storage
            .and_then(|s| eframe::get_value(s, PREFS_KEY))
            .unwrap_or_default();
        App::with_autosave(prefs, autosave)
    }

    /// A window on the remembered patient, autosaving there (a file, or in a browser its
    /// local storage).
    fn with_autosave(mut prefs: Prefs, autosave: Option<Autosave>) -> App {
        migrate_plain_pin(&mut prefs);
        let (recovery, refused) = RecoveryPanel::from_autosave(autosave.as_ref());
        let panels = Panels {
            recovery,
            ..Panels::default()
        };
        let mut app = App {
            session: fresh_session(library::DEFAULT_ID),
            patient_id: library::DEFAULT_ID.to_string(),
            mode: Mode::Patient,
            unlocked: false,
            saved_locks: (prefs.clinician.clone(), prefs.teach.clone()),
            exercise: None,
            attempt_seed: None,
            own_speed: None,
            status: None,
            clock: Clock::new(prefs.speed, autosave),
            prefs,
            panels,
            first_frame_probe: None,
            frame_log: None,
            last_due: None,
            clear_behind_panels: false,
            fitted: false,
            styled: None,
            frames: 0,
            presenting: None,
        };
        let id = app.prefs.patient.clone();
        app.open_patient(&id);
        app.status = refused;
        app
    }

    /// Whether the panels leave their background to the window's clear colour (as the
    /// real window does: one layer less to rasterize in software).
    pub fn set_clear_behind_panels(&mut self, on: bool) {
        self.clear_behind_panels = on;
    }

    /// The running simulation.
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The running simulation, to change directly (tests and benchmarks).
    pub fn session_mut(&mut self) -> &mut Session {
        &mut self.session
    }

    /// Built-in id of the patient.
    pub fn patient_id(&self) -> &str {
        &self.patient_id
    }

    /// Remembered settings.
    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// The settings to remember: the user's own, with their speed rather than one an
    /// exercise or a replay fixed for now.
    pub fn remembered_prefs(&self) -> Prefs {
        Prefs {
            speed: self.own_speed.unwrap_or(self.prefs.speed),
            ..self.prefs.clone()
        }
    }

    /// Remembered settings, to change.
    pub fn prefs_mut(&mut self) -> &mut Prefs {
        &mut self.prefs
    }

    /// Who is at the controls.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Whether the teacher's controls are open (the Teach password was entered).
    pub fn teacher_unlocked(&self) -> bool {
        self.unlocked
    }

    /// Switches who is at the controls (the programmer still asks for the PIN, the
    /// teacher's controls for their password). Leaving Teach closes it: whoever clicks
    /// Teach next is asked for the password again.
    pub fn set_mode(&mut self, mode: Mode) {
        if mode != Mode::Teach {
            self.unlocked = false;
        }
        self.mode = mode;
    }

    /// The Teach prompt's last answer (a wrong password, a lock-out), if any.
    pub fn teach_message(&self) -> Option<&str> {
        self.panels.door.message()
    }

    /// The panel shown full-window (presenter mode), if any.
    pub fn presenting(&self) -> Option<crate::ui::presenter::Presenting> {
        self.presenting
    }

    /// The chart shown full-window, if any.
    pub fn presented_chart(&self) -> Option<&crate::ui::chart::Chart> {
        self.panels
            .chart
            .as_ref()
            .map(crate::ui::chart::present::Presented::chart)
    }

    /// Shows `panel` full-window (presenter mode), or the whole window (`None`).
    pub fn set_presenting(&mut self, panel: Option<crate::ui::presenter::Presenting>) {
        self.presenting = panel;
    }

    /// The status line, if shown.
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// The refusal on the remote's screen, if any.
    pub fn remote_message(&self) -> Option<&str> {
        self.panels.answers.remote()
    }

    /// The clinician programmer's last refusal, if any.
    pub fn clinician_message(&self) -> Option<&str> {
        self.panels.answers.programmer()
    }

    /// The score shown in the debrief window, if any.
    pub fn debrief(&self) -> Option<&ScoreReport> {
        self.panels.debrief.report()
    }

    /// The last virtual cohort run in the Teach panel.
    pub fn cohort(&self) -> Option<&CohortReport> {
        self.panels.teacher.cohort().report()
    }

    /// Sets the size of the Teach panel's next cohort run.
    pub fn set_cohort_patients(&mut self, patients: usize) {
        self.panels.teacher.cohort_mut().set_patients(patients);
    }

    /// The last relief map computed.
    pub fn relief_map(&self) -> Option<&ReliefMap> {
        self.panels.implants.stim.relief_map()
    }

    /// Gives every exercise started from now on the attempt `seed` (the same patient for
    /// everyone, as a teacher may want for a class); `None`: each attempt draws its own.
    pub fn fix_attempt_seed(&mut self, seed: Option<u64>) {
        self.attempt_seed = seed;
    }

    /// The recording being replayed, if a session was loaded.
    pub fn replay(&self) -> Option<&Recording> {
        self.panels.teacher.replay()
    }

    /// Whether a session left by a crash is offered back (or being restored).
    pub fn recovery_offered(&self) -> bool {
        self.panels.recovery.is_offered()
    }

    /// How far the restore of a session left by a crash has come (0 to 1), while it runs.
    pub fn restoring(&self) -> Option<f64> {
        self.panels.recovery.restoring()
    }

    /// Whether the window asking for the trainee's name is open.
    pub fn name_prompt_open(&self) -> bool {
        self.panels.name_prompt.is_open()
    }

    /// Whether the help overlay is open.
    pub fn help_open(&self) -> bool {
        self.panels.help.is_open()
    }

    /// The session file path of the teacher panel.
    pub fn session_path(&self) -> &str {
        self.panels.teacher.session_path()
    }

    /// Sets the session file path of the teacher panel.
    pub fn set_session_path(&mut self, path: impl Into<String>) {
        self.panels.teacher.set_session_path(path.into());
    }

    /// The oscilloscope's window, s.
    pub fn scope_window_s(&self) -> f64 {
        self.panels.implants.stim.scope_window_s()
    }

    /// Sets the oscilloscope's window, s.
    pub fn set_scope_window_s(&mut self, window_s: f64) {
        self.panels.implants.stim.set_scope_window_s(window_s);
    }

    /// Pauses, or resumes at the last running speed.
    pub fn toggle_pause(&mut self) {
        self.clock.toggle_pause(&mut self.prefs.speed);
    }

    /// Moves simulated time on by `simulated_s` seconds at once, as if the window had run
    /// at 60× (tests and teachers skipping ahead).
    pub fn advance_time_for_test(&mut self, simulated_s: f64) {
        let ramp = self.panels.implants.stim.ramp_mut();
        self.clock.advance_by(&mut self.session, ramp, simulated_s);
    }

    /// Whether the window is in blind mode: in an exercise until the teacher shows the truth
    /// in the debrief, by choice in free play.
    pub fn blind(&self) -> bool {
        // Watching: the truth only for the teacher, as the server says.
        if let Some(w) = &self.panels.watch {
            return !w.hidden_truth();
        }
        (self.exercise.is_some() && !self.panels.debrief.truth_shown()) || self.prefs.blind
    }

    /// The conversation with the patient in the programmer.
    pub fn conversation(&self) -> &[crate::ui::implant::stim::clinician_tools::Exchange] {
        self.panels.implants.stim.conversation()
    }

    /// Why the threshold ramp last stopped or refused to start, in words.
    pub fn ramp_stopped(&self) -> Option<String> {
        self.panels
            .implants
            .stim
            .ramp()
            .stopped()
            .map(ToString::to_string)
    }
}

/// An older version kept the PIN in plain text: hash it (unless it is the default) and
/// forget the text.
fn migrate_plain_pin(prefs: &mut Prefs) {
    let plain = std::mem::take(&mut prefs.legacy_clinician_pin);
    if plain.is_empty() || plain == crate::clinician::DEFAULT_PIN {
        return;
    }
    if prefs.clinician.hash.is_none() {
        prefs.clinician.hash = crate::clinician::hash_pin(&plain).ok();
    }
}

/// A new session on a built-in or practice patient, stimulator or drug pump (the default
/// if unknown).
pub(crate) fn fresh_session(id: &str) -> Session {
    match library::open(id) {
        Ok((patient, implant)) => Session::hosting(patient, implant, Role::Patient, 1),
        Err(_) => {
            let (patient, device) = library::default_patient();
            Session::new(patient, device, Role::Patient, 1)
        }
    }
}
