//! The shell applies what the panels asked for: commands to the session, files, exercises,
//! and the window's own settings.

use super::Mode;
use super::export;
use super::prefs::Speed;
use super::request::Request;
use super::shell::{App, fresh_session};
use crate::library;
use crate::session::record::{self, Recording};
use crate::session::{AccessRequest, Command, Event, Refusal, Role, Session};
use crate::training::exercise;
use std::path::Path;

impl App {
    /// Applies the requests in order; a failure goes to the status line.
    pub(super) fn apply_all(&mut self, requests: Vec<Request>, now: f64) {
        for r in requests {
            if let Err(e) = self.apply(r, now) {
                self.status = Some(e);
            }
        }
    }

    fn apply(&mut self, r: Request, now: f64) -> Result<(), String> {
        match r {
            Request::Patient(c) => self.send(c, now),
            Request::Clinician(c) => {
                let result = self.session.apply_as(Role::Clinician, c);
                self.clinician_answer(result);
            }
            Request::Login(pin) => {
                let result = self.session.apply(AccessRequest::EnterClinician { pin });
                self.clinician_answer(result);
            }
            Request::NewPin(pin) => {
                let command = AccessRequest::SetClinicianPin { pin: pin.clone() };
                let result = self.session.apply_as(Role::Clinician, command);
                if result.is_ok() {
                    self.prefs.clinician_pin = pin;
                }
                self.clinician_answer(result);
            }
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
            Request::SetMode(mode) => self.mode = mode,
            Request::SetPrefs(prefs) => self.prefs = prefs,
            Request::TogglePause => self.toggle_pause(),
            Request::Zoom(direction) => self.prefs.zoom_step(direction),
            Request::ToggleHelp => self.panels.help.toggle(),
            Request::StartExercise(id) => self.start_exercise(&id)?,
            Request::Finish => {
                let ex = self.exercise.as_ref().ok_or("No exercise is running")?;
                let rec = Recording::of(&self.session, &self.patient_id);
                let report = crate::training::score::score(ex, &rec)?;
                self.panels.debrief.set_report(Some(report));
            }
            Request::Save(path) => {
                let path = Path::new(&path);
                record::save(path, &self.session, &self.patient_id).map_err(|e| e.to_string())?;
                self.status = Some(format!("Session saved to {}", path.display()));
            }
            Request::Load(path) => self.load(Path::new(&path))?,
            Request::ExportCsv(path) => {
                self.status = Some(export::export_csv(&path, &self.session)?);
            }
            Request::ReliefMap => {
                let top = self
                    .session
                    .discomfort_threshold()
                    .map_or(10.0, |dt| (dt * 1.3).max(5.0));
                let map = self.session.relief_map(40, 30, top);
                self.panels.teacher.set_relief_map(Some(map));
            }
            Request::Scrub(t) => {
                let rec = self.panels.teacher.replay().ok_or("Load a session first")?;
                self.session = rec.replay_until(t).map_err(|e| e.to_string())?;
            }
            Request::Restore => self.restore(),
            Request::Discard => {
                self.panels.recovery.take();
            }
            Request::DismissStatus => self.status = None,
        }
        Ok(())
    }

    /// Starts a new session on a built-in or practice patient (the default if unknown).
    pub fn open_patient(&mut self, id: &str) {
        let id = if library::find(id).is_ok() {
            id
        } else {
            library::DEFAULT_ID
        };
        self.replace_session(fresh_session(id), id);
        self.prefs.patient = id.to_string();
        self.exercise = None;
    }

    /// Puts `session` (of patient `patient_id`) in place of the running one.
    fn replace_session(&mut self, mut session: Session, patient_id: &str) {
        if let Ok(access) = crate::clinician::Access::with_pin(&self.prefs.clinician_pin) {
            session.access = access;
        }
        self.session = session;
        self.patient_id = patient_id.to_string();
        self.panels.remote.clear();
        self.panels.teacher.set_relief_map(None);
        self.clock.touch();
    }

    /// Sends a command as the patient; a refusal is shown on the remote's screen.
    fn send(&mut self, command: Command, now: f64) {
        let result = self.session.apply_as(Role::Patient, command);
        self.panels
            .remote
            .answer(result.err().map(|e| e.to_string()), now);
        self.clock.touch();
    }

    /// Shows the outcome of a clinician programmer's request there.
    fn clinician_answer(&mut self, result: Result<Vec<Event>, Refusal>) {
        self.panels
            .clinician
            .answer(result.err().map(|e| e.to_string()));
        self.clock.touch();
    }

    fn start_exercise(&mut self, id: &str) -> Result<(), String> {
        let ex = exercise::find(id).map_err(|e| e.to_string())?;
        let session = ex.start_session()?;
        let patient = ex.patient.clone();
        self.replace_session(session, &patient);
        self.exercise = Some(ex);
        self.panels.teacher.exercise_started();
        self.panels.debrief.set_report(None);
        self.panels.teacher.set_replay(None);
        self.mode = Mode::Clinician;
        Ok(())
    }

    /// Loads a session file and replays it, paused, with the scrubber offered.
    fn load(&mut self, path: &Path) -> Result<(), String> {
        let rec = record::read(path).map_err(|e| e.to_string())?;
        let session = rec.replay().map_err(|e| e.to_string())?;
        self.exercise = rec
            .exercise
            .as_deref()
            .and_then(|id| exercise::find(id).ok());
        let patient = rec.patient.clone();
        self.replace_session(session, &patient);
        self.panels.teacher.set_replay(Some(rec));
        self.prefs.speed = Speed::Paused;
        self.status = Some(format!(
            "Replaying {}: drag the replay time to review",
            path.display()
        ));
        Ok(())
    }

    /// Restores the session found after a crash.
    fn restore(&mut self) {
        let Some(rec) = self.panels.recovery.take() else {
            return;
        };
        match rec.replay() {
            Ok(session) => self.replace_session(session, &rec.patient),
            Err(e) => self.status = Some(format!("Could not restore the session: {e}")),
        }
    }
}
