//! The session found after a crash, offered back in a bar at the top of the window, and
//! its restoring: replayed a slice at a time across frames with the progress shown, so
//! that a 30-day session never freezes the window.

use crate::session::record::{Recording, ReplayError};
use crate::session::stepwise::Stepwise;
use crate::session::{Session, record::MAX_SESSION_S};
use crate::ui::draw::time_words::clock;
use crate::ui::platform::autosave::Autosave;
use crate::ui::request::Request;
use egui::Ui;
use web_time::{Duration, Instant};

/// Wall time a frame may spend restoring before it draws (the window keeps answering).
const FRAME_BUDGET: Duration = Duration::from_millis(40);
/// Simulated seconds replayed between looks at the wall clock.
const SLICE_S: f64 = 60.0;

/// The session offered back, or being restored.
#[derive(Debug, Default)]
enum Found {
    /// Nothing to offer.
    #[default]
    Nothing,
    /// Offered back: the user has not chosen yet.
    Offered(Recording),
    /// Being replayed.
    Restoring(Box<Stepwise>),
}

/// The recovery bar and the session it offers (or restores).
#[derive(Debug, Default)]
pub struct RecoveryPanel {
    found: Found,
}

impl RecoveryPanel {
    /// Offers the session autosaved there, if one is; a refused one (damaged, edited, an
    /// unknown exercise) is not offered, and its sentence is returned for the status line.
    pub fn from_autosave(autosave: Option<&Autosave>) -> (RecoveryPanel, Option<String>) {
        let (found, refused) = match autosave.map(Autosave::read) {
            Some(Ok(Some(rec))) => (Found::Offered(rec), None),
            Some(Err(why)) => (Found::Nothing, Some(why)),
            Some(Ok(None)) | None => (Found::Nothing, None),
        };
        (RecoveryPanel { found }, refused)
    }

    /// Whether a session is offered back or being restored (its file is kept meanwhile).
    pub fn is_offered(&self) -> bool {
        !matches!(self.found, Found::Nothing)
    }

    /// Whether a session is being restored, and how far (0 to 1).
    pub fn restoring(&self) -> Option<f64> {
        match &self.found {
            Found::Restoring(replay) => Some(replay.fraction()),
            _ => None,
        }
    }

    /// Forgets the offered session (the bar closes).
    pub fn discard(&mut self) {
        self.found = Found::Nothing;
    }

    /// Starts restoring the offered session (nothing replayed yet).
    pub fn start(&mut self) -> Result<(), ReplayError> {
        if let Found::Offered(rec) = std::mem::take(&mut self.found) {
            let end = rec.t_s;
            self.found = Found::Restoring(Box::new(Stepwise::start(rec, end)?));
        }
        Ok(())
    }

    /// Stops restoring: the session is offered again.
    pub fn cancel(&mut self) {
        if let Found::Restoring(replay) = std::mem::take(&mut self.found) {
            self.found = Found::Offered(replay.finish().1);
        }
    }

    /// Replays for this frame's share of wall time; the session and its recording once
    /// the restore is done, or why the replay failed (the offer is then closed).
    pub fn work(&mut self) -> Option<Result<(Session, Recording), ReplayError>> {
        let Found::Restoring(replay) = &mut self.found else {
            return None;
        };
        let started = Instant::now();
        loop {
            match replay.step(SLICE_S) {
                Err(e) => {
                    self.found = Found::Nothing;
                    return Some(Err(e));
                }
                Ok(true) => break,
                Ok(false) if started.elapsed() >= FRAME_BUDGET => return None,
                Ok(false) => {}
            }
        }
        match std::mem::take(&mut self.found) {
            Found::Restoring(replay) => Some(Ok(replay.finish())),
            _ => None,
        }
    }

    /// Draws the bar at the top if a session is offered or being restored; returns the
    /// choice made.
    pub fn show(&mut self, ui: &mut Ui) -> Vec<Request> {
        let mut out = Vec::new();
        match &self.found {
            Found::Nothing => {}
            Found::Offered(rec) => {
                let text = format!(
                    "A session of patient '{}' ({} simulated) was not closed properly.",
                    rec.patient,
                    clock(rec.t_s)
                );
                egui::Panel::top("recover").show(ui, |ui| {
                    crate::ui::draw::region::panel(ui, "Recovery bar");
                    ui.horizontal(|ui| {
                        ui.label(text);
                        if ui.button("Restore it").clicked() {
                            out.push(Request::Restore);
                        }
                        if ui.button("Discard it").clicked() {
                            out.push(Request::Discard);
                        }
                    });
                });
            }
            Found::Restoring(replay) => {
                let done = replay.fraction();
                let total = replay.recording().t_s.min(MAX_SESSION_S);
                let text = format!(
                    "Restoring the session: {} of {} simulated",
                    clock(done * total),
                    clock(total)
                );
                egui::Panel::top("recover").show(ui, |ui| {
                    crate::ui::draw::region::panel(ui, "Recovery bar");
                    ui.horizontal(|ui| {
                        ui.add(
                            egui::ProgressBar::new(done as f32)
                                .desired_width(240.0)
                                .show_percentage(),
                        );
                        ui.label(text);
                        if ui.button("Stop restoring").clicked() {
                            out.push(Request::StopRestoring);
                        }
                    });
                });
                // Keep the frames coming until it is done.
                ui.ctx().request_repaint();
            }
        }
        out
    }
}
