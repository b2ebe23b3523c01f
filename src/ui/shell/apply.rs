//! The shell applies what the panels asked for: commands to the session, files, exercises,
//! and the window's own settings.

use super::app::{App, fresh_session};
use crate::clinician::Access;
use crate::library;
use crate::session::record::{self, MAX_TRAINEE_CHARS, Recording, ReplayError};
use crate::session::{AccessRequest, Command, Event, ProgrammerEdit, Refusal, Role, Session};
use crate::training::exercise;
use crate::ui::mode::Mode;
use crate::ui::prefs::{Prefs, Speed};
use crate::ui::request::{FileRequest, Request};
use crate::ui::teach::export;
use std::path::Path;

impl App {
    /// Applies the requests in order; a failure goes to the status line.
    pub(crate) fn apply_all(&mut self, requests: Vec<Request>, now: f64) {
        for r in requests {
            if let Err(e) = self.apply(r, now) {
                self.status = Some(e);
            }
        }
    }

    fn apply(&mut self, r: Request, now: f64) -> Result<(), String> {
        if let Some(why) = self.watch_refuses(&r) {
            return Err(why);
        }
        if self.class_takes(&r)? {
            return Ok(());
        }
        match r {
            Request::Patient(c) => self.send(c, now),
            Request::Clinician(c) => self.send_as_clinician(c),
            Request::NextVisit(after_s) => {
                // The visit ends: a ramp under way stops with it.
                self.panels.implants.stim.ramp_mut().stop();
                self.send_as_clinician(AccessRequest::NextVisit { after_s }.into());
            }
            Request::Login(pin) => self.login(pin),
            Request::NewPin { old, new } => self.change_pin(old, new),
            Request::TeachLogin(password) => self.teach_login(&password),
            Request::SetTeachPassword { old, new, repeat } => {
                self.set_teach_password(old.as_deref(), &new, &repeat);
            }
            Request::Leave => self.leave(),
            Request::Event(c) => {
                self.session
                    .apply_as(Role::Teacher, c)
                    .map_err(|e| e.to_string())?;
                self.clock.touch();
            }
            Request::OpenPatient(id) => self.open_patient(&id),
            Request::Practice(seed) => {
                self.open_patient(&format!("{}{seed}", crate::library::generate::PREFIX));
            }
            Request::SetMode(mode) => self.set_mode(mode),
            Request::SetPrefs(prefs) => self.set_prefs(prefs),
            Request::TogglePause => self.toggle_pause(),
            Request::Zoom(direction) => self.prefs.zoom_step(direction),
            Request::ToggleHelp => self.panels.help.toggle(),
            Request::NextPresenter => {
                self.presenting = crate::ui::presenter::Presenting::next(self.presenting);
            }
            Request::Present(p) => self.presenting = p,
            Request::PresentChart(c) => {
                self.panels.chart = c.map(|c| crate::ui::chart::present::Presented::new(*c));
            }
            Request::Escape if self.panels.help.is_open() => self.panels.help.toggle(),
            Request::Escape if self.panels.chart.is_some() => self.panels.chart = None,
            Request::Escape => self.presenting = None,
            Request::StartExercise(id) => self.start_exercise(&id)?,
            Request::Finish | Request::File(FileRequest::Save(_)) if self.ask_name(&r) => {}
            Request::Finish => self.finish()?,
            Request::File(f) => self.file(f)?,
            Request::SetTrainee(name) => {
                self.prefs.trainee = name.trim().chars().take(MAX_TRAINEE_CHARS).collect();
            }
            Request::Scrub(t) => self.scrub(t)?,
            Request::Restore => self
                .panels
                .recovery
                .start()
                .map_err(|e| format!("Could not restore the session: {e}"))?,
            Request::StopRestoring => self.panels.recovery.cancel(),
            Request::Discard => {
                // The crashed session's file is replaced by this one at the next autosave.
                self.panels.recovery.discard();
                self.clock.touch();
            }
            Request::JoinClass => self.panels.class.open_window(),
            Request::StopWatching => self.stop_watching(),
            Request::Status(words) => self.status = Some(words),
            Request::DismissStatus => self.status = None,
        }
        Ok(())
    }

    /// Sends a command as the clinician; a refusal is shown in the programmer, and the
    /// patient's answer to a question joins the programmer's conversation.
    fn send_as_clinician(&mut self, c: Command) {
        let question = match &c {
            Command::Programmer(ProgrammerEdit::AskPatient(q)) => Some(*q),
            _ => None,
        };
        let result = self.session.apply_as(Role::Clinician, c);
        if let (Some(q), Ok(events)) = (question, &result) {
            for e in events {
                if let Event::Answer(a) = e {
                    let t = self.session.t_s;
                    self.panels.implants.stim.heard(t, q, a.clone());
                }
            }
        }
        self.clinician_answer(result);
    }

    /// Leaves the programmer and the teacher's controls: back to the patient.
    fn leave(&mut self) {
        if self.session.role == Role::Clinician {
            let result = self.session.apply(AccessRequest::LeaveClinician);
            self.clinician_answer(result);
        }
        self.unlocked = false;
        self.mode = Mode::Patient;
    }

    /// Takes the settings the user chose, except the PIN's and the Teach password's hashes
    /// and lock-outs (they change only through a login or a change of the secret) and, in
    /// an exercise, the speed.
    fn set_prefs(&mut self, prefs: Prefs) {
        let clinician = std::mem::take(&mut self.prefs.clinician);
        let teach = std::mem::take(&mut self.prefs.teach);
        let speed = if self.exercise.is_some() {
            self.prefs.speed
        } else {
            // The user's own choice again (after a replay's pause).
            self.own_speed = None;
            prefs.speed
        };
        self.prefs = Prefs {
            clinician,
            teach,
            speed,
            ..prefs
        };
    }

    /// Whether `r` waits for the trainee's name: asked once (no name remembered, not
    /// asked in this window yet), then `r` goes on.
    fn ask_name(&mut self, r: &Request) -> bool {
        let named = !self.prefs.trainee.is_empty() || self.panels.class.student().is_some();
        if named || self.panels.name_prompt.asked() {
            return false;
        }
        self.panels.name_prompt.ask(r.clone());
        true
    }

    /// The running session as a file would hold it: signed with the trainee's name and
    /// today's date (the wall clock, read here at the window's edge).
    pub(crate) fn recording(&self) -> Recording {
        let today = record::date_of(crate::ui::prefs::unix_now_s());
        // In a class attempt, the name the student joined with.
        let trainee = self
            .panels
            .class
            .student()
            .unwrap_or(self.prefs.trainee.as_str());
        Recording::of(&self.session, &self.patient_id).whose(Some(trainee), Some(&today))
    }

    /// Scores the running exercise and shows the debrief.
    fn finish(&mut self) -> Result<(), String> {
        let ex = self.exercise.as_ref().ok_or("No exercise is running")?;
        let rec = self.recording();
        let report = crate::training::score::score(ex, &rec).map_err(|e| e.to_string())?;
        self.panels.debrief.set_report(Some(report));
        Ok(())
    }

    /// Jumps the replay to simulated time `t` (the loaded recording replayed up to it).
    fn scrub(&mut self, t: f64) -> Result<(), String> {
        let rec = self.panels.teacher.replay().ok_or("Load a session first")?;
        let mut session = rec.replay_until(t).map_err(|e| e.to_string())?;
        session.access = self.access();
        self.panels.replay_bar.rebuilt_at(rec, session.t_s);
        self.session = session;
        Ok(())
    }

    /// Saves, loads (and replays) or exports a session file.
    fn file(&mut self, f: FileRequest) -> Result<(), String> {
        match f {
            FileRequest::Save(path) => {
                let rec = self.recording();
                // Unnamed (and always in a browser): `<exercise>-<name>-<date>.ron`.
                let path = if path.trim().is_empty() || cfg!(target_arch = "wasm32") {
                    rec.file_name()
                } else {
                    path
                };
                let text =
                    record::encode_recording(Path::new(&path), &rec).map_err(|e| e.to_string())?;
                let to = crate::ui::platform::file_io::write(&path, text.as_bytes())?;
                self.status = Some(format!("Session saved to {to}"));
            }
            FileRequest::Load(path) => {
                let rec = record::read(Path::new(&path)).map_err(|e| e.to_string())?;
                self.replay_recording(rec, &path)?;
            }
            #[cfg(target_arch = "wasm32")]
            FileRequest::Opened(file) => {
                let rec = record::from_bytes(Path::new(&file.name), &file.bytes)
                    .map_err(|e| e.to_string())?;
                self.replay_recording(rec, &file.name)?;
            }
            FileRequest::ExportCsv(path) => {
                let path = if path.trim().is_empty() || cfg!(target_arch = "wasm32") {
                    self.recording().file_name()
                } else {
                    path
                };
                self.status = Some(export::export_csv(&path, &self.session)?);
            }
        }
        Ok(())
    }

    /// Starts a new session on a built-in or practice patient (the default if unknown).
    pub fn open_patient(&mut self, id: &str) {
        let id = if library::open(id).is_ok() {
            id
        } else {
            library::DEFAULT_ID
        };
        self.replace_session(fresh_session(id), id);
        self.prefs.patient = id.to_string();
        self.exercise = None;
        if let Some(speed) = self.own_speed.take() {
            self.prefs.speed = speed;
        }
    }

    /// Opens what a link asks for (a browser's `?patient=…&exercise=…`): the patient,
    /// then the exercise. An unknown id, or a patient the exercise replaces with its own,
    /// is said on the status line; the window stays on what it could open.
    pub fn open_link(&mut self, patient: Option<&str>, exercise_id: Option<&str>) {
        use crate::files::shorten;
        if let Some(id) = patient {
            if library::open(id).is_ok() {
                self.open_patient(id);
            } else {
                self.status = Some(format!(
                    "The link's patient '{}' is not built in: {} is open (the patient menu lists them all; practice:SEED makes a practice patient)",
                    shorten(id),
                    self.session.patient.name
                ));
            }
        }
        let Some(id) = exercise_id else { return };
        match self.start_exercise(id) {
            // The exercise's patient is now the window's.
            Ok(()) if patient.is_some_and(|p| p != self.patient_id) => {
                self.status = Some(format!(
                    "The exercise '{}' comes with its own patient, {}; the link's patient is not used",
                    shorten(id),
                    self.session.patient.name
                ));
            }
            Ok(()) => {}
            Err(_) => {
                self.status = Some(format!(
                    "The link's exercise '{}' is not built in (Teach lists the exercises)",
                    shorten(id)
                ));
            }
        }
    }

    /// The clinician lock every session of this window gets: the remembered PIN hash (the
    /// default PIN if none); the window counts the lock-out itself, on the wall clock.
    fn access(&self) -> Access {
        Access::with_hash(self.prefs.clinician.hash.clone())
    }

    /// Puts `session` (of patient `patient_id`) in place of the running one.
    pub(super) fn replace_session(&mut self, mut session: Session, patient_id: &str) {
        session.access = self.access();
        self.session = session;
        self.patient_id = patient_id.to_string();
        self.panels.answers.clear();
        self.panels.implants.stim.clear();
        self.clock.touch();
    }

    /// Sends a command as the patient; a refusal is shown on the remote's screen.
    fn send(&mut self, command: Command, now: f64) {
        let result = self.session.apply_as(Role::Patient, command);
        self.panels
            .answers
            .answer_remote(result.err().map(|e| e.to_string()), now);
        self.clock.touch();
    }

    /// Shows the outcome of a clinician programmer's request there.
    pub(super) fn clinician_answer(&mut self, result: Result<Vec<Event>, Refusal>) {
        self.panels
            .answers
            .answer_programmer(result.err().map(|e| e.to_string()));
        self.clock.touch();
    }

    fn start_exercise(&mut self, id: &str) -> Result<(), String> {
        let ex = exercise::find(id).map_err(|e| e.to_string())?;
        // Each attempt meets its own variant of the patient (unless the exercise fixes it).
        let seed = ex.attempt_seed(self.attempt_seed.unwrap_or_else(rand::random));
        let session = ex.start_attempt(seed).map_err(|e| e.to_string())?;
        let patient = ex.patient.clone();
        // The trainee takes the programmer.
        self.enter_exercise(ex, (session, &patient), Mode::Clinician);
        Ok(())
    }

    /// Puts `session` (of patient `patient`) of exercise `ex` in place, at the fixed speed
    /// the exercise declares (the toolbar's speeds are off), with `mode` at the controls;
    /// the teacher's controls need their password again.
    pub(super) fn enter_exercise(
        &mut self,
        ex: exercise::Exercise,
        (session, patient): (Session, &str),
        mode: Mode,
    ) {
        let speed = Speed::ALL
            .into_iter()
            .find(|s| s.factor() == ex.speed)
            .unwrap_or(Speed::X10);
        self.own_speed.get_or_insert(self.prefs.speed);
        self.replace_session(session, patient);
        self.exercise = Some(ex);
        self.panels.teacher.exercise_started();
        self.panels.debrief.set_report(None);
        self.panels.teacher.set_replay(None);
        self.unlocked = false;
        self.mode = mode;
        self.prefs.speed = speed;
    }

    /// A session left by a crash, restored: with the window's PIN hash, and no login of any
    /// kind (whoever restores it has given neither the PIN nor the Teach password; an
    /// exercise's trainee logs in again). Its exercise runs on, blind.
    pub(super) fn restored(&mut self, result: Result<(Session, Recording), ReplayError>) {
        let (mut session, rec) = match result {
            Ok(done) => done,
            Err(e) => {
                self.status = Some(format!("Could not restore the session: {e}"));
                return;
            }
        };
        if session.role == Role::Clinician {
            let _ = session.apply(AccessRequest::LeaveClinician);
        }
        match rec.exercise.as_deref().map(exercise::find) {
            Some(Ok(ex)) => self.enter_exercise(ex, (session, &rec.patient), Mode::Patient),
            // The autosave was refused when read if its exercise is not built in.
            Some(Err(_)) | None => {
                self.open_patient(&rec.patient);
                self.replace_session(session, &rec.patient);
                self.unlocked = false;
                self.mode = Mode::Patient;
            }
        }
        self.status = Some(format!(
            "Session restored at {} simulated; nobody is logged in",
            crate::ui::draw::time_words::clock(rec.t_s)
        ));
    }

    /// Replays the session file `rec` (read from `name`), paused, with the scrubber offered.
    fn replay_recording(&mut self, rec: Recording, name: &str) -> Result<(), String> {
        let session = rec.replay().map_err(|e| e.to_string())?;
        self.exercise = rec
            .exercise
            .as_deref()
            .and_then(|id| exercise::find(id).ok());
        let patient = rec.patient.clone();
        self.replace_session(session, &patient);
        self.panels.replay_bar.rebuilt_at(&rec, rec.t_s);
        self.panels.replay_bar.set_playing(false);
        self.panels.teacher.set_replay(Some(rec));
        self.own_speed.get_or_insert(self.prefs.speed);
        self.prefs.speed = Speed::Paused;
        self.status = Some(format!(
            "Replaying {name}: play it, or drag the replay time at the bottom"
        ));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exercise_s_speed_is_not_remembered_as_the_user_s_own() {
        let prefs = Prefs {
            speed: Speed::X60,
            ..Prefs::default()
        };
        let mut app = App::new(prefs, None);
        app.apply_all(vec![Request::StartExercise("leg-coverage".into())], 0.0);
        assert_eq!(app.prefs().speed, Speed::X10, "the exercise's own speed");
        assert_eq!(app.remembered_prefs().speed, Speed::X60, "what is saved");
        app.apply_all(vec![Request::OpenPatient("fbss".into())], 0.0);
        assert_eq!(app.prefs().speed, Speed::X60, "back after the exercise");
    }

    #[test]
    fn the_settings_a_panel_sends_never_carry_a_secret() {
        let mut app = App::new(Prefs::default(), None);
        let stale = app.prefs().clone();
        let set = Request::SetTeachPassword {
            old: None,
            new: "chalk-and-talk".into(),
            repeat: "chalk-and-talk".into(),
        };
        app.apply_all(vec![set, Request::SetPrefs(stale)], 0.0);
        assert!(
            app.prefs().teach.hash.is_some(),
            "a stale copy keeps the new hash"
        );
        assert!(app.teacher_unlocked());
    }
}
