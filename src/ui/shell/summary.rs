//! What the window shows now, in a few fields of JSON: the browser build puts it on its
//! canvas (`data-state`) so that a test driving a real browser can read state back (egui's
//! accessibility tree is not wired on the web).

use super::App;
use crate::ui::Mode;
use serde::Serialize;

/// The fields a browser test reads back.
#[derive(Debug, Serialize)]
struct Summary<'a> {
    patient: &'a str,
    exercise: Option<&'a str>,
    mode: &'static str,
    /// The clinician PIN was accepted (the programmer is open).
    clinician_logged_in: bool,
    /// The Teach password was accepted (the teacher's controls are open).
    teach_open: bool,
    simulated_s: f64,
    /// Simulated seconds per wall second chosen in the toolbar (0 when paused).
    speed: f64,
    /// A session found after a crash (or a closed tab) is offered back.
    recovery_offered: bool,
    therapy_on: bool,
    program: usize,
    amplitude_ma: f64,
    status: Option<&'a str>,
    remote_message: Option<&'a str>,
    /// The window asks for the trainee's name (before a first save or finish).
    name_asked: bool,
    /// In a class attempt: its connection ("connected", "offline", …) and the entries
    /// waiting for the class server.
    class_connection: Option<&'static str>,
    class_waiting: usize,
    /// The *Join class* window is shown, and the assignments it lists once joined.
    join_open: bool,
    assignments: usize,
    /// The grade of the debrief shown, if any (a class attempt's comes from the server).
    score: Option<u32>,
    /// Commands in the session's log: a test's proof that a click was taken.
    commands: usize,
    /// The panel shown full-window (presenter mode), if any.
    presenting: Option<&'static str>,
    /// The title of the chart shown full-window, if any.
    chart: Option<&'a str>,
    /// Frames drawn since the window opened: a browser test's frame rate, and its proof
    /// that a window at rest draws none.
    frames: u64,
}

impl App {
    /// The patient, who is at the controls, the simulated time and speed, the stimulator's
    /// state and the messages shown, as one line of JSON.
    pub fn summary_json(&self) -> String {
        let device = self.session.device();
        let program = device.map(|d| d.program());
        let summary = Summary {
            patient: &self.patient_id,
            exercise: self.exercise.as_ref().map(|e| e.id.as_str()),
            mode: match self.mode {
                Mode::Patient => "patient",
                Mode::Clinician => "clinician",
                Mode::Teach => "teach",
            },
            clinician_logged_in: self.session.role == crate::session::Role::Clinician,
            teach_open: self.unlocked,
            simulated_s: self.session.t_s,
            speed: self.prefs.speed.factor(),
            recovery_offered: self.panels.recovery.is_offered(),
            therapy_on: self.session.implant().therapy().therapy_on(),
            program: device.map_or(0, |d| d.active + 1),
            amplitude_ma: program.map_or(0.0, |p| p.settings.amplitude_ma),
            status: self.status.as_deref(),
            remote_message: self.remote_message(),
            name_asked: self.panels.name_prompt.is_open(),
            class_connection: self.class_connection().map(|(c, _)| c.words()),
            class_waiting: self.class_connection().map_or(0, |(_, w)| w),
            join_open: self.join_class_open(),
            assignments: self.panels.class.assignments_listed(),
            score: self.debrief().map(|r| r.score),
            commands: self.session.log.len(),
            presenting: self.presenting.map(|p| p.name()),
            chart: self.presented_chart().map(|c| c.title.as_str()),
            frames: self.frames,
        };
        serde_json::to_string(&summary).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::session::RemoteKey;
    use crate::ui::prefs::Prefs;

    #[test]
    fn the_summary_follows_the_remote() {
        let mut app = App::new(Prefs::default(), None);
        let off: serde_json::Value = serde_json::from_str(&app.summary_json()).unwrap();
        assert_eq!(off["therapy_on"], false);
        assert_eq!(off["mode"], "patient");
        let _ = app.session_mut().apply(RemoteKey::TherapyOn);
        let on: serde_json::Value = serde_json::from_str(&app.summary_json()).unwrap();
        assert_eq!(on["therapy_on"], true);
        assert_eq!(on["patient"], app.patient_id());
    }
}
