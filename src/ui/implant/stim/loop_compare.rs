//! For the teacher: open loop and closed loop side by side on the same schedule — the
//! closed-loop goal's check (lying down, standing, sitting again, four coughs and a bend,
//! [`crate::implant::stim::loop_check`]) — each drawn as the two traces a closed-loop
//! programmer shows (the ECAP with the patient's window, the current), with time in the
//! window, mean ECAP error and jolts over the window in large type beneath. The gain
//! (as gain × slope) and the update rate can be turned up to show ringing and oscillation.

use crate::device::closed_loop::{LoopSettings, MAX_UPDATE_HZ};
use crate::implant::Stimulator;
use crate::implant::stim::closed_loop::{LoopRun, run};
use crate::implant::stim::loop_check::{CHECK_JOLTS, CHECK_POSTURES, CHECK_S, schedule};
use crate::patient::Patient;
use crate::ui::draw::plots::value_axis;
use crate::ui::prefs::Palette;
use egui::{DragValue, RichText, Ui};
use egui_plot::{HLine, Line, Plot};

/// Gain × slope a new comparison starts from: smooth and quick.
const DEFAULT_GAIN_TIMES_SLOPE: f64 = 0.4;

/// The two runs of one comparison and what they were run against.
#[derive(Clone, Debug, PartialEq)]
struct Runs {
    /// What the runs were computed from (recomputed when it changes).
    key: [f64; 6],
    /// Open loop, then closed loop.
    runs: [LoopRun; 2],
    /// The patient's window, µV.
    window_uv: (f64, f64),
    /// The closed loop's target, µV.
    target_uv: f64,
}

/// The side-by-side's own state: the gain and rate being shown and the last runs.
#[derive(Clone, Debug, PartialEq)]
pub struct LoopCompare {
    /// The comparison's window is open.
    pub shown: bool,
    gain_times_slope: f64,
    update_hz: f64,
    last: Option<Runs>,
}

impl Default for LoopCompare {
    fn default() -> Self {
        LoopCompare {
            shown: false,
            gain_times_slope: DEFAULT_GAIN_TIMES_SLOPE,
            update_hz: 50.0,
            last: None,
        }
    }
}

/// The figures a teacher reads out: time in the window (%), mean ECAP error (µV), jolts
/// over the window.
pub fn figures(r: &LoopRun) -> (f64, f64, usize) {
    (100.0 * r.in_window, r.mean_error_uv, r.overshoots)
}

impl LoopCompare {
    /// The open- and closed-loop runs of `stim` in `patient` at the chosen gain and rate
    /// (recomputed only when something they depend on changed); `None` without an ECAP
    /// or the thresholds.
    fn runs(&mut self, stim: &Stimulator, patient: &Patient) -> Option<&Runs> {
        let ecap = stim.ecap(patient)?;
        let schedule = schedule(stim, patient, &CHECK_POSTURES, &CHECK_JOLTS, CHECK_S)?;
        let ma = stim.device().delivered_ma();
        let target_uv = ecap.amplitude_uv(ma, 0.0);
        let key = [
            self.gain_times_slope,
            self.update_hz,
            ma,
            target_uv,
            schedule.window_uv.0,
            schedule.window_uv.1,
        ];
        if self.last.as_ref().is_none_or(|r| r.key != key) {
            let window = stim.device().program().window;
            let settings = LoopSettings {
                target_uv,
                gain_ma_per_uv: self.gain_times_slope / ecap.slope_uv_per_ma(ma, 0.0).max(1e-6),
                update_hz: self.update_hz,
                min_ma: window.min_ma,
                max_ma: window.max_ma,
            };
            let hz = 1.0 / settings.period_s(stim.device().program().settings.rate_hz);
            self.last = Some(Runs {
                key,
                runs: [
                    run(&ecap, None, hz, ma, &schedule),
                    run(&ecap, Some(&settings), hz, ma, &schedule),
                ],
                window_uv: schedule.window_uv,
                target_uv,
            });
        }
        self.last.as_ref()
    }

    /// The comparison in its own window (large enough for the back row), while shown.
    pub fn window(
        &mut self,
        ctx: &egui::Context,
        stim: &Stimulator,
        patient: &Patient,
        palette: &Palette,
    ) {
        let mut shown = self.shown;
        egui::Window::new("Open and closed loop side by side")
            .open(&mut shown)
            .default_pos(ctx.content_rect().left_top() + egui::vec2(240.0, 40.0))
            .default_size([980.0, 560.0])
            .show(ctx, |ui| self.ui(ui, stim, patient, palette));
        self.shown = shown;
    }

    /// The controls, then the two runs side by side.
    fn ui(&mut self, ui: &mut Ui, stim: &Stimulator, patient: &Patient, palette: &Palette) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Gain × slope");
            ui.add(
                DragValue::new(&mut self.gain_times_slope)
                    .range(0.0..=3.0)
                    .speed(0.02)
                    .max_decimals(2),
            )
            .labelled_by(label.id);
            let label = ui.label("Updates a second");
            ui.add(
                DragValue::new(&mut self.update_hz)
                    .range(1.0..=MAX_UPDATE_HZ)
                    .speed(1.0),
            )
            .labelled_by(label.id);
        });
        ui.label(
            RichText::new(
                "Same 80 s for both: lying down at 15 s, standing at 35 s, sitting at 60 s; coughs at 8, 25, 45 and 70 s, a bend at 50 s. Open loop holds the present amplitude; closed loop holds its ECAP (below 1 smooth, 1–2 rings, above 2 oscillates).",
            )
            .small(),
        );
        let Some(r) = self.runs(stim, patient).cloned() else {
            ui.label("No ECAP to record with this program (a nerve lead, 10 kHz, or no free contact two from the cathode), or no threshold within the device's range: nothing to compare.");
            return;
        };
        let width = ui.available_width();
        let half = (0.5 * width - 6.0).max(120.0);
        ui.horizontal_top(|ui| {
            for (i, name) in ["Open loop", "Closed loop"].into_iter().enumerate() {
                ui.allocate_ui_with_layout(
                    egui::vec2(half, 420.0),
                    egui::Layout::top_down(egui::Align::LEFT),
                    |ui| arm_ui(ui, name, &r.runs[i], (r.window_uv, r.target_uv), palette),
                );
            }
        });
    }
}

/// One arm: its name and figures in large type, its ECAP and current over time.
fn arm_ui(
    ui: &mut Ui,
    name: &str,
    run: &LoopRun,
    (window_uv, target_uv): ((f64, f64), f64),
    palette: &Palette,
) {
    let (inside, error, jolts) = figures(run);
    ui.label(
        RichText::new(format!(
            "{name}: in the window {inside:.0} % · ECAP error {error:.1} µV · {jolts} jolt{} over it",
            if jolts == 1 { "" } else { "s" }
        ))
        .size(18.0),
    );
    let ecap: Vec<[f64; 2]> = run.samples.iter().map(|x| [x.t_s, x.ecap_uv]).collect();
    let current: Vec<[f64; 2]> = run.samples.iter().map(|x| [x.t_s, x.ma]).collect();
    Plot::new(format!("{name} ecap"))
        .height(200.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .include_y(0.0)
        // Room for three digits: open loop can swing to hundreds of µV.
        .custom_y_axes(vec![value_axis("µV").min_thickness(48.0)])
        .show(ui, |plot| {
            plot.hline(HLine::new("window (perception)", window_uv.0).color(palette.good));
            plot.hline(HLine::new("window top (discomfort)", window_uv.1).color(palette.pain));
            plot.hline(HLine::new("target", target_uv).color(palette.tingling));
            plot.line(
                Line::new("ECAP (µV)", ecap)
                    .color(palette.cathode)
                    .width(1.5),
            );
        });
    // Headroom over the highest current, so a held one is not drawn on the frame's edge.
    let top = run.samples.iter().map(|x| x.ma).fold(0.0, f64::max) * 1.25;
    Plot::new(format!("{name} current"))
        .height(130.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .include_y(0.0)
        .include_y(top)
        .custom_x_axes(vec![value_axis("s")])
        .custom_y_axes(vec![value_axis("mA").min_thickness(48.0)])
        .show(ui, |plot| {
            plot.line(
                Line::new("current (mA)", current)
                    .color(palette.anode)
                    .width(1.5),
            );
        });
}
