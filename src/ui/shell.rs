//! The app shell: the session and what every panel shares, the panels themselves, and the
//! frame: keys, time, panels drawn from a read-only view, then their requests applied.

use super::Mode;
use super::clinician::ClinicianPanel;
use super::clock::Clock;
use super::debrief::DebriefPanel;
use super::help::HelpPanel;
use super::inside::InsidePanel;
use super::keys::keys;
use super::patient::PatientPanel;
use super::plots::PlotsPanel;
use super::prefs::{ClinicianLock, Prefs, Speed, apply_style};
use super::recovery::RecoveryPanel;
use super::remote::RemotePanel;
use super::request::{Request, Shared};
use super::teacher::TeacherPanel;
use super::toolbar::Toolbar;
use crate::library;
use crate::session::record::Recording;
use crate::session::relief_map::ReliefMap;
use crate::session::{Role, Session};
use crate::training::exercise::Exercise;
use crate::training::score::ScoreReport;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const PREFS_KEY: &str = "scs-sim-prefs";

/// Every panel of the window, each owning its own state.
#[derive(Debug, Default)]
pub(super) struct Panels {
    pub toolbar: Toolbar,
    pub recovery: RecoveryPanel,
    pub remote: RemotePanel,
    pub clinician: ClinicianPanel,
    pub teacher: TeacherPanel,
    pub inside: InsidePanel,
    pub plots: PlotsPanel,
    pub patient: PatientPanel,
    pub help: HelpPanel,
    pub debrief: DebriefPanel,
    pub pump_remote: super::pump_remote::PumpRemotePanel,
    pub pump_programmer: super::pump_programmer::PumpProgrammerPanel,
    pub pump_patient: super::pump_patient::PumpPatientPanel,
}

/// The application: the session, what the panels share, and the panels.
pub struct App {
    /// The running simulation.
    pub(super) session: Session,
    /// Built-in id of the patient.
    pub(super) patient_id: String,
    /// Remembered settings.
    pub(super) prefs: Prefs,
    /// Who is at the controls.
    pub(super) mode: Mode,
    /// The clinician PIN was entered: the teacher's controls are open (starting an
    /// exercise or leaving closes them).
    pub(super) unlocked: bool,
    /// The PIN hash and lock-out as last written to the app's storage.
    saved_lock: ClinicianLock,
    /// The running exercise.
    pub(super) exercise: Option<Exercise>,
    /// The status line (saves, loads, problems).
    pub(super) status: Option<String>,
    /// Simulated time and autosave.
    pub(super) clock: Clock,
    /// The panels.
    pub(super) panels: Panels,
    /// When set (`SCS_SIM_FIRST_FRAME=1`), the start time: the first frame prints how long
    /// it took and closes the window, to measure start-up.
    first_frame_probe: Option<Instant>,
}

impl App {
    /// A window on the remembered patient; `autosave` is where the running session is
    /// saved (and, if a file is there already, the session offered back after a crash).
    pub fn new(mut prefs: Prefs, autosave: Option<PathBuf>) -> App {
        migrate_plain_pin(&mut prefs);
        let panels = Panels {
            recovery: RecoveryPanel::from_autosave(autosave.as_deref()),
            ..Panels::default()
        };
        let mut app = App {
            session: fresh_session(library::DEFAULT_ID),
            patient_id: library::DEFAULT_ID.to_string(),
            mode: Mode::Patient,
            unlocked: false,
            saved_lock: prefs.clinician.clone(),
            exercise: None,
            status: None,
            clock: Clock::new(prefs.speed, autosave),
            prefs,
            panels,
            first_frame_probe: None,
        };
        let id = app.prefs.patient.clone();
        app.open_patient(&id);
        app
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

    /// Remembered settings, to change.
    pub fn prefs_mut(&mut self) -> &mut Prefs {
        &mut self.prefs
    }

    /// Who is at the controls.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Whether the teacher's controls are open (the clinician PIN was entered).
    pub fn teacher_unlocked(&self) -> bool {
        self.unlocked
    }

    /// Switches who is at the controls (the programmer and the teacher's controls still
    /// ask for the PIN).
    pub fn set_mode(&mut self, mode: Mode) {
        self.mode = mode;
    }

    /// The status line, if shown.
    pub fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }

    /// The refusal on the remote's screen, if any.
    pub fn remote_message(&self) -> Option<&str> {
        self.panels.remote.message()
    }

    /// The clinician programmer's last refusal, if any.
    pub fn clinician_message(&self) -> Option<&str> {
        self.panels.clinician.message()
    }

    /// The score shown in the debrief window, if any.
    pub fn debrief(&self) -> Option<&ScoreReport> {
        self.panels.debrief.report()
    }

    /// The last relief map computed.
    pub fn relief_map(&self) -> Option<&ReliefMap> {
        self.panels.teacher.relief_map()
    }

    /// The recording being replayed, if a session was loaded.
    pub fn replay(&self) -> Option<&Recording> {
        self.panels.teacher.replay()
    }

    /// Whether a session left by a crash is offered back.
    pub fn recovery_offered(&self) -> bool {
        self.panels.recovery.is_offered()
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
        self.panels.plots.scope_window_s()
    }

    /// Sets the oscilloscope's window, s.
    pub fn set_scope_window_s(&mut self, window_s: f64) {
        self.panels.plots.set_scope_window_s(window_s);
    }

    /// Pauses, or resumes at the last running speed.
    pub fn toggle_pause(&mut self) {
        self.clock.toggle_pause(&mut self.prefs.speed);
    }

    /// Moves simulated time on by `simulated_s` seconds at once, as if the window had run
    /// at 60× (tests and teachers skipping ahead).
    pub fn advance_time_for_test(&mut self, simulated_s: f64) {
        let ramp = self.panels.clinician.ramp_mut();
        self.clock.advance_by(&mut self.session, ramp, simulated_s);
    }

    /// Draws every side and central panel from a read-only view of the session; returns
    /// their requests.
    fn draw(&mut self, ui: &mut egui::Ui, now: f64) -> Vec<Request> {
        let view = self.session.view();
        let blind = self.blind();
        let shared = Shared {
            session: &self.session,
            view: &view,
            patient_id: &self.patient_id,
            prefs: &self.prefs,
            palette: self.prefs.palette(),
            mode: self.mode,
            exercise: self.exercise.as_ref(),
            now,
            blind,
        };
        let p = &mut self.panels;
        let mut out = p.toolbar.show(ui, &shared, p.help.is_open());
        out.extend(p.recovery.show(ui));
        if let Some(status) = &self.status {
            egui::Panel::bottom("status").show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(status);
                    if ui.small_button("Dismiss").clicked() {
                        out.push(Request::DismissStatus);
                    }
                });
            });
        }
        // A drug pump has its own panels: no stimulator panel is drawn for it.
        if shared.session.pump().is_some() {
            out.extend(super::pump_patient::pump_window(
                ui,
                &shared,
                p,
                self.unlocked,
            ));
            return out;
        }
        out.extend(p.remote.show(ui, &shared));
        match self.mode {
            Mode::Patient => {}
            Mode::Clinician => out.extend(p.clinician.show(ui, &shared)),
            Mode::Teach if self.unlocked => out.extend(p.teacher.show(ui, &shared)),
            Mode::Teach => out.extend(p.clinician.show_login(ui, &shared, "teacher", "Teacher")),
        }
        // The programmer needs the height: below 820 px its tools come before the plots.
        let short = ui.available_height() < 820.0 && self.mode != Mode::Patient;
        if self.prefs.show_plots && !short {
            if blind {
                // Blind: the pulse train only, not the pain and relief the patient feels.
                scope_only(ui, &shared, &mut p.plots);
            } else {
                p.plots.show(ui, &shared);
            }
        }
        // The inside view tells what the patient feels: hidden in blind mode, and when the
        // patient would be left too little room.
        if self.prefs.show_inside && !blind && ui.available_width() >= 320.0 + 420.0 {
            p.inside.show(ui, &shared);
        }
        let hidden;
        let patient_view = if blind {
            hidden = blinded(&view);
            &hidden
        } else {
            &view
        };
        out.extend(p.patient.show(
            ui,
            &Shared {
                view: patient_view,
                ..shared
            },
        ));
        out
    }

    /// Whether the window is in blind mode: in an exercise until the teacher shows the truth
    /// in the debrief, by choice in free play.
    pub fn blind(&self) -> bool {
        (self.exercise.is_some() && !self.panels.debrief.truth_shown()) || self.prefs.blind
    }

    /// The conversation with the patient in the programmer.
    pub fn conversation(&self) -> &[super::clinician::Exchange] {
        self.panels.clinician.conversation()
    }

    /// Why the threshold ramp last stopped or refused to start, in words.
    pub fn ramp_stopped(&self) -> Option<String> {
        self.panels
            .clinician
            .ramp()
            .stopped()
            .map(ToString::to_string)
    }
}

/// The view with what only the model knows taken out (blind mode): no thresholds, no
/// coverage, no tingling to draw on the body map.
fn blinded(view: &crate::session::view::View) -> crate::session::view::View {
    let mut v = view.clone();
    v.pt_ma = None;
    v.dt_ma = None;
    v.response.coverage = 0.0;
    v.response.perception.paresthesia = [0.0; crate::patient::anatomy::REGIONS.len()];
    v.alerts
        .retain(|w| w.code != crate::device::safety::WarningCode::Discomfort);
    v
}

/// The bottom panel in blind mode: the oscilloscope alone.
fn scope_only(ui: &mut egui::Ui, shared: &Shared<'_>, plots: &mut PlotsPanel) {
    egui::Panel::bottom("plots")
        .exact_size(230.0)
        .resizable(false)
        .show(ui, |ui| {
            let mut window = plots.scope_window_s();
            super::plots::scope_ui(ui, shared.session, &mut window, &shared.palette);
            plots.set_scope_window_s(window);
        });
}

/// An older version kept the PIN in plain text: hash it (unless it is the default) and
/// forget the text.
fn migrate_plain_pin(prefs: &mut Prefs) {
    let plain = std::mem::take(&mut prefs.legacy_clinician_pin);
    if plain.is_empty() || plain == crate::clinician::DEFAULT_PIN {
        return;
    }
    if prefs.clinician.pin_hash.is_none() {
        prefs.clinician.pin_hash = crate::clinician::hash_pin(&plain).ok();
    }
}

/// A new session on a built-in or practice patient, stimulator or drug pump (the default
/// if unknown).
pub(super) fn fresh_session(id: &str) -> Session {
    match library::open(id) {
        Ok((patient, implant)) => Session::hosting(patient, implant, Role::Patient, 1),
        Err(_) => {
            let (patient, device) = library::default_patient();
            Session::new(patient, device, Role::Patient, 1)
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        apply_style(&ctx, &self.prefs);
        // Real elapsed wall time, not an assumed 60 frames a second.
        let now = ctx.input(|i| i.time);
        let dt = self.clock.wall_dt(now);
        let pressed = keys(&ctx, &self.session);
        self.apply_all(pressed, now);
        let ramp = self.panels.clinician.ramp_mut();
        self.clock
            .advance(&mut self.session, ramp, self.prefs.speed, dt);
        // A drug pump's work spans days: its own speed runs up to a day a second.
        let pump_speed = self.panels.pump_patient.speed_s_per_s;
        if self.session.pump().is_some() && pump_speed > 0.0 && self.prefs.speed != Speed::Paused {
            let t = self.session.t_s + dt.clamp(0.0, 0.1) * pump_speed;
            self.session.advance_to(t);
        }
        let requests = self.draw(ui, now);
        self.apply_all(requests, now);
        // Windows over the panels show this frame's outcome (help asked for, a score).
        self.panels.help.show(&ctx);
        let truth = super::debrief::Truth {
            pt_ma: self.session.perception_threshold(),
            dt_ma: self.session.discomfort_threshold(),
        };
        self.panels.debrief.show(&ctx, truth);
        // A crashed session still offered back keeps its file until the user chooses.
        if !self.panels.recovery.is_offered()
            && let Some(saved) = self.clock.autosave(&self.session, &self.patient_id, now)
        {
            self.status = saved.err();
        }
        self.save_lock_now(frame);
        if self.prefs.speed != Speed::Paused {
            ctx.request_repaint_after(Duration::from_millis(16));
        }
        if let Some(started) = self.first_frame_probe.take() {
            eprintln!("first frame after {} ms", started.elapsed().as_millis());
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.prefs);
    }

    fn on_exit(&mut self) {
        // A clean exit: nothing to offer back next time, unless a crashed session is still
        // offered (the user has not chosen yet).
        if !self.panels.recovery.is_offered() {
            self.clock.forget_autosave();
        }
    }
}

impl App {
    /// Writes the preferences at once when the PIN hash or the lock-out changed, so that
    /// closing the window right after a wrong PIN does not forget it.
    fn save_lock_now(&mut self, frame: &mut eframe::Frame) {
        if self.prefs.clinician == self.saved_lock {
            return;
        }
        if let Some(storage) = frame.storage_mut() {
            eframe::set_value(storage, PREFS_KEY, &self.prefs);
            storage.flush();
        }
        self.saved_lock = self.prefs.clinician.clone();
    }
}

/// Opens the window on the remembered (or built-in default) patient.
pub(super) fn run(patient: Option<String>) -> anyhow::Result<()> {
    let started = Instant::now();
    let probe = std::env::var_os("SCS_SIM_FIRST_FRAME").is_some();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("scs-sim — spinal cord stimulation simulator")
            .with_inner_size([1600.0, 1000.0])
            .with_min_inner_size([1024.0, 640.0]),
        ..Default::default()
    };
    eframe::run_native(
        "scs-sim",
        options,
        Box::new(move |cc| {
            let prefs = cc
                .storage
                .and_then(|s| eframe::get_value(s, PREFS_KEY))
                .unwrap_or_default();
            let autosave = eframe::storage_dir("scs-sim").map(|d| d.join("autosave.ron"));
            let mut app = App::new(prefs, autosave);
            if let Some(id) = &patient {
                app.open_patient(id);
            }
            app.first_frame_probe = probe.then_some(started);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("cannot open the window: {e}"))
}
