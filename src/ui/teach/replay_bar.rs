//! Replay to present: play and pause, speed (1×, 10×, 60×) and a scrubber across the whole
//! window over a loaded session. The session at any time comes from replaying the
//! recording (every command again, checked), so the pain curve and the pulse train are as
//! they were.

use crate::session::Session;
use crate::session::record::Recording;
use crate::session::replay::replay_entry;
use crate::ui::draw::time_words::clock;
use crate::ui::request::{Request, Shared};
use egui::Ui;

/// Replay speeds: simulated seconds per wall second, with their labels.
pub const SPEEDS: [(f64, &str); 3] = [(1.0, "1×"), (10.0, "10×"), (60.0, "60×")];

/// The replay bar's own state: playing or not, at which speed, and the next command of
/// the recording to apply.
#[derive(Debug)]
pub struct ReplayBar {
    playing: bool,
    speed: f64,
    next: usize,
}

impl Default for ReplayBar {
    fn default() -> Self {
        ReplayBar {
            playing: false,
            speed: 10.0,
            next: 0,
        }
    }
}

impl ReplayBar {
    /// Whether the replay is playing.
    pub fn playing(&self) -> bool {
        self.playing
    }

    /// Simulated seconds per wall second while playing.
    pub fn speed(&self) -> f64 {
        self.speed
    }

    /// Plays or pauses.
    pub fn set_playing(&mut self, playing: bool) {
        self.playing = playing;
    }

    /// The session was rebuilt at `t_s` from `rec` (loaded or scrubbed): playing goes on
    /// from the first command after it.
    pub fn rebuilt_at(&mut self, rec: &Recording, t_s: f64) {
        self.next = rec.log.iter().take_while(|e| e.t_s <= t_s).count();
    }

    /// Moves the replayed `session` on by `wall_dt` wall seconds at the replay's speed,
    /// applying the recorded commands on the way; stops at the end of the recording.
    pub fn play(
        &mut self,
        session: &mut Session,
        rec: &Recording,
        wall_dt: f64,
    ) -> Result<(), String> {
        if !self.playing {
            return Ok(());
        }
        let t_s = (session.t_s + wall_dt * self.speed).min(rec.t_s);
        while let Some(entry) = rec.log.get(self.next).filter(|e| e.t_s <= t_s) {
            replay_entry(session, self.next, entry).map_err(|d| d.to_string())?;
            self.next += 1;
        }
        session.advance_to(t_s);
        if t_s >= rec.t_s {
            self.playing = false;
        }
        Ok(())
    }

    /// Draws the bar across the bottom of the window; a dragged scrubber asks for the
    /// session at that time.
    pub fn show(&mut self, ui: &mut Ui, shared: &Shared<'_>, rec: &Recording) -> Vec<Request> {
        let mut out = Vec::new();
        egui::Panel::bottom("replay").show(ui, |ui| {
            crate::ui::draw::region::panel(ui, "Replay bar");
            ui.horizontal(|ui| {
                let t = shared.session.t_s;
                let (label, hint) = if self.playing {
                    ("Pause replay", "Stop the replay here")
                } else {
                    ("Play replay", "Play the recorded session from here")
                };
                if ui.button(label).on_hover_text(hint).clicked() {
                    self.playing = !self.playing;
                    if self.playing && t >= rec.t_s {
                        // At the end: play from the start.
                        out.push(Request::Scrub(0.0));
                    }
                }
                for (speed, label) in SPEEDS {
                    ui.selectable_value(&mut self.speed, speed, label)
                        .on_hover_text("Replay speed");
                }
                ui.monospace(format!("{} of {}", clock(t), clock(rec.t_s)));
                let mut at = t;
                ui.spacing_mut().slider_width = (ui.available_width() - 16.0).max(120.0);
                let slider = egui::Slider::new(&mut at, 0.0..=rec.t_s.max(0.0)).show_value(false);
                let r = ui
                    .add(slider)
                    .on_hover_text("Replay time: drag to any moment");
                r.widget_info(|| egui::WidgetInfo::slider(true, at, "Replay time"));
                if r.changed() {
                    out.push(Request::Scrub(at));
                }
            });
        });
        out
    }
}
