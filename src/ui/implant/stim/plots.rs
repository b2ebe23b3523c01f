//! The oscilloscope of the pulse train and the pain-over-time plot.

use crate::device::program::Settings;
use crate::device::waveform::synthesize;
use crate::session::Session;
use crate::ui::chart::present::tools_menu;
use crate::ui::chart::render::SAVED;
use crate::ui::chart::{Body, Chart, Trace, rgb};
use crate::ui::draw::plots::{pain_plot_ui, time_axis, value_axis};
use crate::ui::prefs::Palette;
use crate::ui::request::{Request, Shared};
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
    pub fn show(&mut self, ui: &mut Ui, shared: &Shared<'_>) -> Vec<Request> {
        self.scope_drawn = true;
        // 230 points tall, less in a short window so the patient keeps room.
        let height = (0.32 * ui.available_height()).clamp(150.0, 230.0);
        egui::Panel::bottom("plots")
            .exact_size(height)
            .resizable(false)
            .show(ui, |ui| {
                crate::ui::draw::region::panel(ui, "Plots panel");
                self.body(ui, shared)
            })
            .inner
    }

    /// Both plots side by side in `ui`, or one at a time when narrow (the bottom panel, or
    /// the whole window when presented). In blind mode the oscilloscope alone: the pain
    /// and relief over time are the patient's to tell.
    pub fn body(&mut self, ui: &mut Ui, shared: &Shared<'_>) -> Vec<Request> {
        self.scope_drawn = true;
        if shared.blind || ui.available_width() < 2.0 * MIN_PLOT_WIDTH {
            if !shared.blind {
                ui.horizontal(|ui| {
                    ui.selectable_value(&mut self.show_pain, false, "Show pulse train");
                    ui.selectable_value(&mut self.show_pain, true, "Show pain plot");
                });
            }
            let pain = self.show_pain && !shared.blind;
            self.scope_drawn = !pain;
            return if pain {
                pain_plot_ui(ui, shared.session.series(), &shared.palette)
            } else {
                scope_ui(
                    ui,
                    shared.session,
                    &mut self.scope_window_s,
                    &shared.palette,
                )
            };
        }
        ui.columns(2, |cols| {
            let mut out = scope_ui(
                &mut cols[0],
                shared.session,
                &mut self.scope_window_s,
                &shared.palette,
            );
            out.extend(pain_plot_ui(
                &mut cols[1],
                shared.session.series(),
                &shared.palette,
            ));
            out
        })
    }
}

/// Most samples synthesised for one frame of the scope.
const MAX_SAMPLES: f64 = 200_000.0;

/// The last `window_s` of the pulse train the tissue receives, as the envelope (lowest
/// and highest current) of each of `columns` columns, one per pixel across the plot: a
/// pulse narrower than a pixel still shows both its phases at any time base.
pub fn scope_points(session: &Session, window_s: f64, columns: usize) -> Vec<[f64; 2]> {
    let Some(stim) = session.stimulator() else {
        return Vec::new();
    };
    let settings = Settings {
        amplitude_ma: stim.device().delivered_ma(),
        ..stim.device().program().settings
    };
    let t_end = (session.t_s - stim.started_s()).max(window_s);
    scope_envelope(&settings, t_end, window_s, columns)
}

/// The envelope of the pulse train of `settings` over `[t_end - window_s, t_end)` in
/// `columns` columns: two points per column (time from the window's start in ms, the
/// column's lowest and then highest current in mA).
pub fn scope_envelope(
    settings: &Settings,
    t_end: f64,
    window_s: f64,
    columns: usize,
) -> Vec<[f64; 2]> {
    let columns = columns.clamp(16, 4096);
    // At least four samples in the shortest phase and eight in a column, at most
    // MAX_SAMPLES a frame.
    let phase_s = (settings.pulse_width_us * 1e-6).max(1e-6);
    let fs = (4.0 / phase_s)
        .max(8.0 * columns as f64 / window_s)
        .min(MAX_SAMPLES / window_s);
    let samples = synthesize(settings, t_end - window_s, window_s, fs);
    let n = samples.len();
    if n == 0 {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(2 * columns);
    for c in 0..columns {
        // Column c holds samples [n c / columns, n (c + 1) / columns): every sample in
        // exactly one column.
        let a = (c * n / columns).min(n - 1);
        let b = ((c + 1) * n / columns).clamp(a + 1, n);
        let column = &samples[a..b];
        let lo = column.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = column.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let t_ms = 1e3 * window_s * c as f64 / columns as f64;
        out.push([t_ms, lo]);
        out.push([t_ms, hi]);
    }
    out
}

/// Draws the scope with a time-base selector.
pub fn scope_ui(
    ui: &mut Ui,
    session: &Session,
    window_s: &mut f64,
    palette: &Palette,
) -> Vec<Request> {
    let Some(d) = session.device() else {
        ui.strong("Pulse train");
        return Vec::new();
    };
    let s = d.program().settings;
    let settings = format!(
        "{} · {} µs · {} Hz · {:.1} mA delivered",
        s.waveform,
        s.pulse_width_us,
        s.rate_hz,
        d.delivered_ma()
    );
    let out = ui
        .horizontal_wrapped(|ui| {
            ui.strong("Pulse train");
            for (w, label) in TIME_BASES {
                ui.selectable_value(window_s, w, label);
            }
            tools_menu(ui, || scope_chart(session, *window_s, &settings, palette))
        })
        .inner;
    ui.add(egui::Label::new(egui::RichText::new(&settings).small()).truncate());
    // One column per pixel across the plot.
    let columns = (ui.available_width() * ui.ctx().pixels_per_point()).round() as usize;
    let points = scope_points(session, *window_s, columns);
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
    out
}

/// The last `window_s` of the pulse train as a chart for the presenter and for slides,
/// its settings in the title.
fn scope_chart(session: &Session, window_s: f64, settings: &str, palette: &Palette) -> Chart {
    Chart {
        title: format!("Pulse train: {settings}"),
        x_label: "time (ms)".into(),
        y_label: "current (mA)".into(),
        body: Body::Lines {
            traces: vec![Trace {
                name: "current (mA)".into(),
                rgb: rgb(palette.cathode),
                points: scope_points(session, window_s, SAVED.0 as usize),
                dashed: false,
            }],
            y: (-1.0, 1.0),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::device::program::Waveform;
    use crate::device::waveform::{Segment, for_each_unit};

    /// A program of each waveform as the built-in patients have them, at 5 mA.
    fn program(waveform: Waveform) -> Settings {
        let (pulse_width_us, rate_hz) = match waveform {
            Waveform::Tonic => (300.0, 50.0),
            Waveform::Burst => (1000.0, 40.0),
            Waveform::HighFrequency => (30.0, 10_000.0),
        };
        Settings {
            waveform,
            amplitude_ma: 5.0,
            pulse_width_us,
            rate_hz,
            ..Settings::default()
        }
    }

    /// Where a phase is checked, s, and the current there, mA: early in the part of
    /// `segment` inside `[start, end)`, if any.
    fn probe(segment: &Segment, start: f64, end: f64, phase_s: f64) -> Option<(f64, f64)> {
        let (a, b) = match *segment {
            Segment::Flat { start_s, end_s, .. } | Segment::Decay { start_s, end_s, .. } => {
                (start_s.max(start), end_s.min(end))
            }
        };
        // A sliver at the window's edge is less than a column: not checked.
        if b - a < 0.25 * phase_s {
            return None;
        }
        let t = a + 0.5 * (b - a).min(phase_s);
        let ma = match *segment {
            Segment::Flat { ma, .. } => ma,
            Segment::Decay {
                start_s, ma, tau_s, ..
            } => ma * (-(t - start_s) / tau_s).exp(),
        };
        Some((t, ma))
    }

    /// Every pulse of every waveform shows both its phases at every time base, in a
    /// narrow scope and a presented one: the column over each phase reaches at least
    /// half its current there.
    #[test]
    fn every_pulse_shows_both_phases_at_every_time_base() {
        for waveform in Waveform::ALL {
            let settings = program(waveform);
            let phase_s = settings.pulse_width_us * 1e-6;
            for (window_s, name) in TIME_BASES {
                for columns in [300, 1700] {
                    // A window that opens just before a pulse, at an odd time.
                    let period = settings.period_s();
                    let start = (12.345_6 / period).ceil() * period - 0.1 * window_s.min(period);
                    let t_end = start + window_s;
                    let points = scope_envelope(&settings, t_end, window_s, columns);
                    assert_eq!(points.len(), 2 * columns);
                    let mut phases = 0;
                    for_each_unit(&settings, start - period, t_end, |unit| {
                        for segment in &unit.segments {
                            let Some((t, ma)) = probe(segment, start, t_end, phase_s) else {
                                continue;
                            };
                            phases += 1;
                            let c = ((t - start) / window_s * columns as f64) as usize;
                            let (lo, hi) = (points[2 * c][1], points[2 * c + 1][1]);
                            let shown = if ma < 0.0 { lo } else { hi };
                            assert!(
                                shown * ma.signum() >= 0.5 * ma.abs(),
                                "{waveform:?} at {name}, {columns} columns: {ma:.2} mA \
                                 at {t:.6} s shows as {shown:.2}"
                            );
                        }
                    });
                    assert!(
                        phases >= 1,
                        "{waveform:?} at {name}: no phase in the window"
                    );
                }
            }
        }
    }
}
