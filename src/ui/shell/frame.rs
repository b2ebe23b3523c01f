//! The frame: keys, time, the panels drawn from a read-only view (the session's implant
//! through its panels), their requests applied, then autosave, repaint and the window's
//! own housekeeping.

use super::app::{App, PREFS_KEY, Panels};
use super::keys::keys;
use crate::ui::implant::registry::panels_for;
use crate::ui::mode::Mode;
use crate::ui::prefs::apply_style;
use crate::ui::request::{Request, Shared};
use std::time::Duration;
use web_time::Instant;

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        let frame_started = Instant::now();
        self.frames += 1;
        let ctx = ui.ctx().clone();
        // Set only when it changes: a style or zoom set anew each frame costs a frame
        // more (a zoom that moves by a rounding error asks for one, and so never rests).
        let look = (self.prefs.light, self.clear_behind_panels);
        if self.styled != Some(look) {
            apply_style(&ctx, &self.prefs, self.clear_behind_panels);
            self.styled = Some(look);
        }
        set_zoom(&ctx, self.zoom(&ctx));
        // Real elapsed wall time, not an assumed 60 frames a second.
        let now = ctx.input(|i| i.time);
        let dt = self.clock.wall_dt(now);
        let pressed = keys(&ctx, &self.session);
        // While the patient is at home the keys, like the greyed panels, send nothing.
        if self.session.t_s >= self.session.away_until_s {
            self.apply_all(pressed, now);
        }
        if let Some(result) = self.panels.recovery.work() {
            self.restored(result);
        }
        // Days at home pass at once (with their progress); the clock runs after them.
        let at_home = self.clock.pass_time_at_home(&mut self.session);
        let factor = if at_home { 0.0 } else { self.time_factor() };
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
        let named = self.panels.name_prompt.show(&ctx);
        self.apply_all(named, now);
        self.panels.class.show(&ctx);
        self.class_frame(&ctx, now);
        self.watch_frame(&ctx, now);
        let truth = crate::ui::teach::debrief::Truth {
            pt_ma: self.session.perception_threshold(),
            dt_ma: self.session.discomfort_threshold(),
        };
        if let Some(saved) = self.panels.debrief.show(&ctx, truth) {
            self.status = Some(saved.unwrap_or_else(|e| e));
        }
        // A crashed session still offered back keeps its file until the user chooses.
        if !self.panels.recovery.is_offered()
            && let Some(saved) =
                self.clock
                    .autosave(&self.session, (&self.patient_id, &self.prefs.trainee), now)
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
        if self.session.t_s < self.session.away_until_s {
            // Nothing can be sent while the patient is at home (the brief shows the days
            // passing); the window is back in a moment.
            ui.disable();
            ui.ctx().request_repaint();
        }
        if let Some(rec) = p.teacher.replay() {
            out.extend(p.replay_bar.show(ui, &shared, rec));
        }
        if let Some(chart) = &mut p.chart {
            out.extend(chart.show(ui));
            return out;
        }
        if let Some(presenting) = self.presenting {
            out.extend(present(ui, &shared, p, presenting));
            return out;
        }
        out.extend(p.toolbar.show(ui, &shared, p.help.is_open()));
        crate::ui::class::bar::show(ui, &p.class, shared.exercise.map(|e| e.time_budget_s));
        if let Some(w) = &p.watch {
            out.extend(crate::ui::class::bar::watch_bar(ui, w));
        }
        out.extend(p.recovery.show(ui));
        if let Some(status) = &self.status {
            egui::Panel::bottom("status").show(ui, |ui| {
                crate::ui::draw::region::panel(ui, "Status line");
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
        let shown = p.narrow.show(ui, &shared);
        if shown.tools {
            match self.mode {
                Mode::Patient => {}
                Mode::Clinician => {
                    out.extend(implant.programmer(ui, &shared, &mut p.answers, &mut p.login));
                }
                Mode::Teach if self.unlocked => {
                    out.extend(p.teacher.show(ui, &shared, implant.as_mut()));
                }
                Mode::Teach => out.extend(p.door.show(ui, &shared)),
            }
        }
        if shown.patient {
            out.extend(implant.body(ui, &shared));
        }
        out
    }

    /// Simulated seconds per wall second now: the toolbar's speed, as the implant's panels
    /// read it (a drug pump has speeds of its own, up to a day a second).
    fn time_factor(&mut self) -> f64 {
        if self.exercise.is_some() {
            // An exercise runs at its own speed (the server holds a class's attempt to
            // it); days pass by the next visit, not by a faster clock.
            return self.prefs.speed.factor();
        }
        panels_for(self.session.implant(), &mut self.panels.implants).time_factor(self.prefs.speed)
    }

    /// The zoom to draw at: the user's, or in presenter mode one that fills the window with
    /// the panel shown (fonts for the back row).
    fn zoom(&self, ctx: &egui::Context) -> f32 {
        let Some(presenting) = self.presenting else {
            return self.prefs.zoom;
        };
        // Whole pixels: the window's size in points moves by rounding errors as the zoom
        // changes, and a zoom computed from them would never settle.
        let pixels = (ctx.content_rect().size() * ctx.zoom_factor()).round();
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

    /// Writes the preferences at once when a hash or a lock-out (the PIN's, the Teach
    /// password's) changed, so that closing the window right after a wrong try does not
    /// forget it.
    fn save_lock_now(&mut self, frame: &mut eframe::Frame) {
        let (pin, teach) = &self.saved_locks;
        if self.prefs.clinician == *pin && self.prefs.teach == *teach {
            return;
        }
        if let Some(storage) = frame.storage_mut() {
            eframe::set_value(storage, PREFS_KEY, &self.remembered_prefs());
            storage.flush();
        }
        self.saved_locks = (self.prefs.clinician.clone(), self.prefs.teach.clone());
    }
}

/// Sets the zoom if it changed (a change asks for another frame).
fn set_zoom(ctx: &egui::Context, zoom: f32) {
    if (ctx.zoom_factor() - zoom).abs() > 1e-4 {
        ctx.set_zoom_factor(zoom);
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
        crate::ui::draw::region::panel(ui, "Presenter bar");
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
    egui::CentralPanel::default().show(ui, |ui| {
        crate::ui::draw::region::panel(ui, "Presented panel");
        match presenting {
            Presenting::Inside if shared.blind => {
                ui.label(crate::ui::presenter::HIDDEN_IN_BLIND);
            }
            _ => out.extend(implant.presented(ui, shared, presenting, &p.answers)),
        }
    });
    out
}
