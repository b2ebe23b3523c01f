//! The app shell: the session and what every panel shares, the panels themselves, and the
//! frame: keys, time, panels drawn from a read-only view, then their requests applied.

use super::clock::Clock;
use super::help::HelpPanel;
use super::keys::keys;
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
use crate::ui::implant::registry::{ImplantDesks, panels_for};
use crate::ui::login::Login;
use crate::ui::mode::Mode;
use crate::ui::platform::autosave::Autosave;
use crate::ui::prefs::{ClinicianLock, Prefs, Speed, apply_style};
use crate::ui::request::{Request, Shared};
use crate::ui::teach::debrief::DebriefPanel;
use crate::ui::teach::teacher::TeacherPanel;
use std::path::PathBuf;
use std::time::Duration;
use web_time::Instant;

const PREFS_KEY: &str = "scs-sim-prefs";

/// Every panel of the window, each owning its own state.
#[derive(Debug, Default)]
pub(crate) struct Panels {
    pub toolbar: Toolbar,
    pub recovery: RecoveryPanel,
    /// The core's last answers on the remote's screen and the programmer's line.
    pub answers: Answers,
    /// The clinician PIN prompt (programmer and teacher alike).
    pub login: Login,
    /// Each implant's panels; [`panels_for`] picks the session's.
    pub implants: ImplantDesks,
    pub teacher: TeacherPanel,
    pub help: HelpPanel,
    pub debrief: DebriefPanel,
    pub replay_bar: crate::ui::teach::replay_bar::ReplayBar,
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
    /// The clinician PIN was entered: the teacher's controls are open (starting an
    /// exercise or leaving closes them).
    pub(crate) unlocked: bool,
    /// The PIN hash and lock-out as last written to the app's storage.
    saved_lock: ClinicianLock,
    /// The running exercise.
    pub(crate) exercise: Option<Exercise>,
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
    /// The window was fitted to the monitor (done once).
    fitted: bool,
    /// When the last frame asked for was due (the beat of [`App::wait_for_next`]).
    last_due: Option<Instant>,
    /// When set (`SCS_SIM_FRAME_LOG=1`), counts frames and prints the rate every 5 s.
    pub(crate) frame_log: Option<FrameLog>,
}

/// Frames drawn, printed to stderr as frames per second every [`FrameLog::EVERY_S`].
#[derive(Debug)]
pub(crate) struct FrameLog {
    since: Instant,
    frames: u32,
}

impl FrameLog {
    /// Seconds between two lines.
    const EVERY_S: f64 = 5.0;

    pub(crate) fn new() -> FrameLog {
        FrameLog {
            since: Instant::now(),
            frames: 0,
        }
    }

    /// Counts a frame; prints the rate when the period is over. Wall time only: the log
    /// measures the window, never the simulation.
    fn frame(&mut self) {
        self.frames += 1;
        let elapsed = self.since.elapsed().as_secs_f64();
        if elapsed >= Self::EVERY_S {
            eprintln!(
                "scs-sim: {:.1} frames per second ({} frames in {elapsed:.1} s)",
                f64::from(self.frames) / elapsed,
                self.frames
            );
            *self = FrameLog::new();
        }
    }
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
        let panels = Panels {
            recovery: RecoveryPanel::from_autosave(autosave.as_ref()),
            ..Panels::default()
        };
        let mut app = App {
            session: fresh_session(library::DEFAULT_ID),
            patient_id: library::DEFAULT_ID.to_string(),
            mode: Mode::Patient,
            unlocked: false,
            saved_lock: prefs.clinician.clone(),
            exercise: None,
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
            presenting: None,
        };
        let id = app.prefs.patient.clone();
        app.open_patient(&id);
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

    /// Whether the teacher's controls are open (the clinician PIN was entered).
    pub fn teacher_unlocked(&self) -> bool {
        self.unlocked
    }

    /// Switches who is at the controls (the programmer and the teacher's controls still
    /// ask for the PIN).
    pub fn set_mode(&mut self, mode: Mode) {
        self.mode = mode;
    }

    /// The panel shown full-window (presenter mode), if any.
    pub fn presenting(&self) -> Option<crate::ui::presenter::Presenting> {
        self.presenting
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
        let mut out = Vec::new();
        if let Some(rec) = p.teacher.replay() {
            out.extend(p.replay_bar.show(ui, &shared, rec));
        }
        if let Some(presenting) = self.presenting {
            out.extend(present(ui, &shared, p, presenting));
            return out;
        }
        out.extend(p.toolbar.show(ui, &shared, p.help.is_open()));
        out.extend(p.recovery.show(ui));
        if let Some(status) = &self.status {
            egui::Panel::bottom("status").show(ui, |ui| {
                // Dismiss first: a long message wraps instead of pushing it off the window.
                ui.horizontal(|ui| {
                    if ui.small_button("Dismiss").clicked() {
                        out.push(Request::DismissStatus);
                    }
                    ui.add(egui::Label::new(status).wrap());
                });
            });
        }
        let mut implant = panels_for(self.session.implant(), &mut p.implants);
        out.extend(implant.remote(ui, &shared, &mut p.answers));
        match self.mode {
            Mode::Patient => {}
            Mode::Clinician => {
                out.extend(implant.programmer(ui, &shared, &mut p.answers, &mut p.login));
            }
            Mode::Teach if self.unlocked => {
                out.extend(p.teacher.show(ui, &shared, implant.as_mut()));
            }
            Mode::Teach => {
                let (message, pain) = (p.answers.programmer(), shared.palette.pain);
                out.extend(p.login.show(ui, ("teacher", "Teacher"), message, pain));
            }
        }
        out.extend(implant.body(ui, &shared));
        out
    }

    /// Whether the window is in blind mode: in an exercise until the teacher shows the truth
    /// in the debrief, by choice in free play.
    pub fn blind(&self) -> bool {
        (self.exercise.is_some() && !self.panels.debrief.truth_shown()) || self.prefs.blind
    }

    /// The conversation with the patient in the programmer.
    pub fn conversation(&self) -> &[crate::ui::implant::stim::clinician::Exchange] {
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

/// Presenter mode: a bar naming the panel, and the panel alone in the rest of the window.
fn present(
    ui: &mut egui::Ui,
    shared: &Shared<'_>,
    p: &mut Panels,
    presenting: crate::ui::presenter::Presenting,
) -> Vec<Request> {
    use crate::ui::presenter::Presenting;
    let mut out = Vec::new();
    egui::Panel::top("presenter").show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.strong(format!("Presenting: {}", presenting.name()));
            ui.label(crate::ui::draw::time_words::clock(shared.session.t_s));
            if ui.button("Next panel (F5)").clicked() {
                out.push(Request::NextPresenter);
            }
            if ui.button("Whole window (Esc)").clicked() {
                out.push(Request::Present(None));
            }
        });
    });
    let mut implant = panels_for(shared.session.implant(), &mut p.implants);
    egui::CentralPanel::default().show(ui, |ui| match presenting {
        Presenting::Inside if shared.blind => {
            ui.label(crate::ui::presenter::HIDDEN_IN_BLIND);
        }
        _ => out.extend(implant.presented(ui, shared, presenting, &p.answers)),
    });
    out
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
pub(crate) fn fresh_session(id: &str) -> Session {
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
        let frame_started = Instant::now();
        let ctx = ui.ctx().clone();
        ctx.options_mut(|o| o.zoom_with_keyboard = false);
        let zoom = self.zoom(&ctx);
        apply_style(&ctx, &self.prefs, self.clear_behind_panels, zoom);
        // Real elapsed wall time, not an assumed 60 frames a second.
        let now = ctx.input(|i| i.time);
        let dt = self.clock.wall_dt(now);
        let pressed = keys(&ctx, &self.session);
        self.apply_all(pressed, now);
        let factor = self.time_factor();
        let ramp = self.panels.implants.stim.ramp_mut();
        self.clock.advance(&mut self.session, ramp, factor, dt);
        if let Some(rec) = self.panels.teacher.replay()
            && let Err(e) = self.panels.replay_bar.play(&mut self.session, rec, dt)
        {
            self.panels.replay_bar.set_playing(false);
            self.status = Some(format!("The replay stopped: {e}"));
        }
        let requests = self.draw(ui, now);
        self.apply_all(requests, now);
        // Windows over the panels show this frame's outcome (help asked for, a score).
        self.panels.help.show(&ctx);
        let truth = crate::ui::teach::debrief::Truth {
            pt_ma: self.session.perception_threshold(),
            dt_ma: self.session.discomfort_threshold(),
        };
        if let Some(saved) = self.panels.debrief.show(&ctx, truth) {
            self.status = Some(saved.unwrap_or_else(|e| e));
        }
        // A crashed session still offered back keeps its file until the user chooses.
        if !self.panels.recovery.is_offered()
            && let Some(saved) = self.clock.autosave(&self.session, &self.patient_id, now)
        {
            match saved {
                Err(e) => self.status = Some(e),
                // A success ends an autosave failure's message, and only that: a message
                // the user has not read yet (a save, a link's unknown patient) stays.
                Ok(()) => {
                    if self
                        .status
                        .as_deref()
                        .is_some_and(|s| s.starts_with(super::clock::AUTOSAVE_FAILED))
                    {
                        self.status = None;
                    }
                }
            }
        }
        self.save_lock_now(frame);
        let scope_moves = panels_for(self.session.implant(), &mut self.panels.implants).animating();
        let factor = if self.panels.replay_bar.playing() {
            self.panels.replay_bar.speed()
        } else {
            self.time_factor()
        };
        if let Some(after) = super::clock::repaint_after(factor, self.session.t_s, scope_moves) {
            ctx.request_repaint_after(self.wait_for_next(after, scope_moves, frame_started));
        }
        if let Some(log) = &mut self.frame_log {
            log.frame();
        }
        self.fit_to_monitor(&ctx);
        if let Some(started) = self.first_frame_probe.take() {
            eprintln!("first frame after {} ms", started.elapsed().as_millis());
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn clear_color(&self, _visuals: &egui::Visuals) -> [f32; 4] {
        crate::ui::prefs::panel_colour(&self.prefs).to_normalized_gamma_f32()
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, PREFS_KEY, &self.remembered_prefs());
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        // A clean exit: nothing to offer back next time, unless a crashed session is still
        // offered (the user has not chosen yet).
        if !self.panels.recovery.is_offered() {
            self.clock.forget_autosave();
        }
    }
}

impl App {
    /// Simulated seconds per wall second now: the toolbar's speed, as the implant's panels
    /// read it (a drug pump has speeds of its own, up to a day a second).
    fn time_factor(&mut self) -> f64 {
        panels_for(self.session.implant(), &mut self.panels.implants).time_factor(self.prefs.speed)
    }

    /// The zoom to draw at: the user's, or in presenter mode one that fills the window with
    /// the panel shown (fonts for the back row).
    fn zoom(&self, ctx: &egui::Context) -> f32 {
        let Some(presenting) = self.presenting else {
            return self.prefs.zoom;
        };
        let pixels = ctx.content_rect().size() * ctx.zoom_factor();
        presenting.zoom(pixels, self.prefs.zoom)
    }

    /// How long to wait for the next frame, due `after` seconds after this frame's start
    /// or, for the scope's steady beat (`steady`), after the last frame was due. Counted
    /// from then, not from when this frame's work ended, so that a frame's own work and
    /// the wake-up do not lengthen every period (30 a second stays 30, not 28).
    fn wait_for_next(&mut self, after: f64, steady: bool, frame_started: Instant) -> Duration {
        let period = Duration::from_secs_f64(after);
        let due = match self.last_due {
            Some(last) if steady && frame_started.saturating_duration_since(last) < period => {
                last + period
            }
            _ => frame_started + period,
        };
        self.last_due = Some(due);
        due.saturating_duration_since(Instant::now())
    }

    /// Once, as soon as the monitor's size is known: a window larger than the screen
    /// (1600 × 1000 on a 1280 × 720 projector) is made to fit it, so that no panel lies
    /// off screen and no pixel is drawn that nobody sees.
    fn fit_to_monitor(&mut self, ctx: &egui::Context) {
        if self.fitted {
            return;
        }
        let (monitor, inner) = ctx.input(|i| (i.viewport().monitor_size, i.viewport().inner_rect));
        let (Some(monitor), Some(inner)) = (monitor, inner) else {
            return;
        };
        self.fitted = true;
        let fit = inner.size().min(monitor);
        if fit != inner.size() {
            ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(egui::Pos2::ZERO));
            ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(fit));
        }
    }

    /// Writes the preferences at once when the PIN hash or the lock-out changed, so that
    /// closing the window right after a wrong PIN does not forget it.
    fn save_lock_now(&mut self, frame: &mut eframe::Frame) {
        if self.prefs.clinician == self.saved_lock {
            return;
        }
        if let Some(storage) = frame.storage_mut() {
            eframe::set_value(storage, PREFS_KEY, &self.remembered_prefs());
            storage.flush();
        }
        self.saved_lock = self.prefs.clinician.clone();
    }
}
