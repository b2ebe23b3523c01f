//! The oscilloscope of the pulse train and the pain-over-time plot.

use crate::device::program::Settings;
use crate::device::waveform::synthesize;
use crate::session::Session;
use crate::ui::draw::plots::{pain_plot_ui, time_axis, value_axis};
use crate::ui::prefs::Palette;
use crate::ui::request::Shared;
use egui::Ui;
use egui_plot::{Line, Plot};

/// Oscilloscope time bases, s.
pub const TIME_BASES: [(f64, &str); 4] = [
    (0.001, "1 ms"),
    (0.01, "10 ms"),
    (0.1, "100 ms"),
    (1.0, "1 s"),
];

/// Narrowest a plot is drawn, points: below twice this the panel shows one plot at a time,
/// so axis labels never wrap (at 150 % zoom on a 1280 × 720 projector).
const MIN_PLOT_WIDTH: f32 = 280.0;

/// The plots panel: the scope (with its time base) beside the pain plot.
#[derive(Debug)]
pub struct PlotsPanel {
    /// Oscilloscope window, s.
    scope_window_s: f64,
    /// In a narrow window, whether the pain plot is shown instead of the scope.
    show_pain: bool,
    /// Whether the last frame drew the scope (it moves while time runs).
    scope_drawn: bool,
}

impl Default for PlotsPanel {
    fn default() -> Self {
        PlotsPanel {
            scope_window_s: 0.1,
            show_pain: false,
            scope_drawn: false,
        }
    }
}

impl PlotsPanel {
    /// The oscilloscope's window, s.
    pub fn scope_window_s(&self) -> f64 {
        self.scope_window_s
    }

    /// Sets the oscilloscope's window, s.
    pub fn set_scope_window_s(&mut self, window_s: f64) {
        self.scope_window_s = window_s;
    }

    /// Whether the last frame drew the scope (it moves while time runs).
    pub fn scope_drawn(&self) -> bool {
        self.scope_drawn
    }

    /// Notes whether this frame draws the scope.
    pub fn set_scope_drawn(&mut self, drawn: bool) {
        self.scope_drawn = drawn;
    }

    /// Draws both plots in the bottom panel.
    pub fn show(&mut self, ui: &mut Ui, shared: &Shared<'_>) {
        self.scope_drawn = true;
        // 230 points tall, less in a short window so the patient keeps room.
        let height = (0.32 * ui.available_height()).clamp(150.0, 230.0);
        egui::Panel::bottom("plots")
            .exact_size(height)
            .resizable(false)
            .show(ui, |ui| {
                crate::ui::draw::region::panel(ui, "Plots panel");
                self.body(ui, shared);
            });
    }

    /// Both plots side by side in `ui`, or one at a time when narrow (the bottom panel, or
    /// the whole window when presented). In blind mode the oscilloscope alone: the pain
    /// and relief over time are the patient's to tell.
    pub fn body(&mut self, ui: &mut Ui, shared: &Shared<'_>) {
        self.scope_drawn = true;
        {
            {
                if shared.blind || ui.available_width() < 2.0 * MIN_PLOT_WIDTH {
                    if !shared.blind {
                        ui.horizontal(|ui| {
                            ui.selectable_value(&mut self.show_pain, false, "Show pulse train");
                            ui.selectable_value(&mut self.show_pain, true, "Show pain plot");
                        });
                    }
                    let pain = self.show_pain && !shared.blind;
                    self.scope_drawn = !pain;
                    if pain {
                        pain_plot_ui(ui, shared.session.series(), &shared.palette);
                    } else {
                        scope_ui(
                            ui,
                            shared.session,
                            &mut self.scope_window_s,
                            &shared.palette,
                        );
                    }
                    return;
                }
                ui.columns(2, |cols| {
                    scope_ui(
                        &mut cols[0],
                        shared.session,
                        &mut self.scope_window_s,
                        &shared.palette,
                    );
                    pain_plot_ui(&mut cols[1], shared.session.series(), &shared.palette);
                });
            }
        }
    }
}

/// Points on screen across the scope.
const COLUMNS: usize = 800;

/// The last `window_s` of the pulse train the tissue receives, as min/max columns so that
/// even a 10 kHz train over a second shows every pulse's extent.
pub fn scope_points(session: &Session, window_s: f64) -> Vec<[f64; 2]> {
    let Some(stim) = session.stimulator() else {
        return Vec::new();
    };
    let settings = Settings {
        amplitude_ma: stim.device().delivered_ma(),
        ..stim.device().program().settings
    };
    let t_end = (session.t_s - stim.started_s()).max(window_s);
    // At most 100,000 samples per frame, at most 1 MHz.
    let fs = (100_000.0 / window_s).clamp(COLUMNS as f64 / window_s, 1e6);
    let samples = synthesize(&settings, t_end - window_s, window_s, fs);
    let per = (samples.len() / COLUMNS).max(1);
    let mut out = Vec::with_capacity(2 * COLUMNS);
    for (c, chunk) in samples.chunks(per).enumerate() {
        let t_ms = 1e3 * (c * per) as f64 / fs;
        let lo = chunk.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = chunk.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        out.push([t_ms, lo]);
        out.push([t_ms, hi]);
    }
    out
}

/// Draws the scope with a time-base selector.
pub fn scope_ui(ui: &mut Ui, session: &Session, window_s: &mut f64, palette: &Palette) {
    ui.horizontal_wrapped(|ui| {
        ui.strong("Pulse train");
        for (w, label) in TIME_BASES {
            ui.selectable_value(window_s, w, label);
        }
    });
    let Some(d) = session.device() else {
        return;
    };
    let s = d.program().settings;
    ui.add(
        egui::Label::new(
            egui::RichText::new(format!(
                "{} · {} µs · {} Hz · {:.1} mA delivered",
                s.waveform,
                s.pulse_width_us,
                s.rate_hz,
                d.delivered_ma()
            ))
            .small(),
        )
        .truncate(),
    );
    let points = scope_points(session, *window_s);
    Plot::new("scope")
        .height(ui.available_height().max(80.0))
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .include_y(-1.0)
        .include_y(1.0)
        .custom_x_axes(vec![time_axis("ms")])
        .custom_y_axes(vec![value_axis("mA")])
        // Steps of 1, 5 and 25 mA: with tens only, ±5 mA had no label but the 0.
        .y_grid_spacer(egui_plot::log_grid_spacer(5))
        .show(ui, |plot| {
            plot.line(
                Line::new("current (mA)", points)
                    .color(palette.cathode)
                    .width(1.5),
            )
        });
}
