//! For the teacher: open loop and closed loop side by side on the same schedule — at first
//! the closed-loop goal's check (lying down, standing, sitting again, four coughs and a
//! bend, [`crate::implant::stim::loop_check`]), which the teacher may move
//! ([`super::loop_schedule`]) — each drawn as the two traces a closed-loop
//! programmer shows (the ECAP with the patient's window, the current), with time in the
//! window, mean ECAP error and jolts over the window in large type beneath. The gain
//! (as gain × slope) and the update rate can be turned up to show ringing and oscillation;
//! a program in closed loop starts them from its own, and keeps its own target and limits.

use super::loop_schedule::Plan;
use crate::device::closed_loop::{LoopSettings, MAX_UPDATE_HZ};
use crate::implant::Stimulator;
use crate::implant::stim::closed_loop::{LoopRun, run};
use crate::implant::stim::loop_check::schedule;
use crate::patient::Patient;
use crate::ui::draw::plots::value_axis;
use crate::ui::prefs::Palette;
use egui::{DragValue, RichText, Ui};
use egui_plot::{HLine, Line, Plot};

/// Gain × slope a new comparison starts from: smooth and quick.
const DEFAULT_GAIN_TIMES_SLOPE: f64 = 0.4;

/// How often the open-loop arm samples the ECAP, Hz: as the closed-loop goal's check does,
/// whatever rate the teacher gives the closed loop (its figures must not move with it).
const OPEN_LOOP_HZ: f64 = 50.0;

/// The most gain × slope a teacher may set: well into oscillation.
const MAX_GAIN_TIMES_SLOPE: f64 = 3.0;

/// The two runs of one comparison and what they were run against.
#[derive(Clone, Debug, PartialEq)]
struct Runs {
    /// What the runs were computed from (recomputed when it changes).
    key: Inputs,
    /// Open loop, then closed loop.
    runs: [LoopRun; 2],
    /// The patient's window, µV.
    window_uv: (f64, f64),
    /// The closed loop's target, µV.
    target_uv: f64,
}

/// Everything two runs depend on, to run them again only when one of them changed.
#[derive(Clone, Debug, PartialEq)]
struct Inputs {
    /// The teacher's gain × slope and updates a second.
    gain_and_rate: [f64; 2],
    /// The open loop's current, mA.
    ma: f64,
    /// The closed loop's settings before the teacher's gain and rate.
    base: LoopSettings,
    /// The patient's window, µV.
    window_uv: (f64, f64),
    /// The schedule.
    plan: Plan,
}

/// The side-by-side's own state: the gain and rate being shown and the last runs.
#[derive(Clone, Debug, PartialEq)]
pub struct LoopCompare {
    /// The comparison's window is open.
    pub shown: bool,
    gain_times_slope: f64,
    update_hz: f64,
    plan: Plan,
    /// The program's own loop settings the gain and rate were last started from.
    started_from: Option<LoopSettings>,
    last: Option<Runs>,
}

impl Default for LoopCompare {
    fn default() -> Self {
        LoopCompare {
            shown: false,
            gain_times_slope: DEFAULT_GAIN_TIMES_SLOPE,
            update_hz: 50.0,
            plan: Plan::default(),
            started_from: None,
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
    /// Starts the gain and rate from the program's own closed loop when it is new to the
    /// comparison (a program without one leaves the teacher's as they are).
    fn start_from_program(&mut self, stim: &Stimulator, patient: &Patient) {
        let own = stim.device().program().running_loop();
        if own == self.started_from {
            return;
        }
        self.started_from = own;
        if let (Some(own), Some(ecap)) = (own, stim.ecap(patient)) {
            let slope = ecap.slope_uv_per_ma(stim.device().delivered_ma(), 0.0);
            self.gain_times_slope = (own.gain_ma_per_uv * slope).clamp(0.0, MAX_GAIN_TIMES_SLOPE);
            self.update_hz = own.update_hz.clamp(1.0, MAX_UPDATE_HZ);
        }
    }

    /// The open- and closed-loop runs of `stim` in `patient` at the chosen gain and rate on
    /// the teacher's schedule (recomputed only when something they depend on changed);
    /// `None` without an ECAP or the thresholds. Closed loop keeps the program's own target
    /// and limits when it has them, else holds the ECAP of the present amplitude inside the
    /// patient's amplitude window.
    fn runs(&mut self, stim: &Stimulator, patient: &Patient) -> Option<&Runs> {
        let ecap = stim.ecap(patient)?;
        let schedule = schedule(
            stim,
            patient,
            &self.plan.postures(),
            &self.plan.jolts(),
            self.plan.seconds(),
        )?;
        let ma = stim.device().delivered_ma();
        let program = stim.device().program();
        let base = program.running_loop().unwrap_or(LoopSettings {
            target_uv: ecap.amplitude_uv(ma, 0.0),
            gain_ma_per_uv: 0.0,
            update_hz: self.update_hz,
            min_ma: program.window.min_ma,
            max_ma: program.window.max_ma,
        });
        let key = Inputs {
            gain_and_rate: [self.gain_times_slope, self.update_hz],
            ma,
            base,
            window_uv: schedule.window_uv,
            plan: self.plan.clone(),
        };
        if self.last.as_ref().is_none_or(|r| r.key != key) {
            let settings = LoopSettings {
                gain_ma_per_uv: self.gain_times_slope / ecap.slope_uv_per_ma(ma, 0.0).max(1e-6),
                update_hz: self.update_hz,
                ..base
            };
            let hz = 1.0 / settings.period_s(program.settings.rate_hz);
            self.last = Some(Runs {
                key,
                runs: [
                    run(&ecap, None, OPEN_LOOP_HZ, ma, &schedule),
                    run(&ecap, Some(&settings), hz, ma, &schedule),
                ],
                window_uv: schedule.window_uv,
                target_uv: base.target_uv,
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
        self.start_from_program(stim, patient);
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Gain × slope");
            ui.add(
                DragValue::new(&mut self.gain_times_slope)
                    .range(0.0..=MAX_GAIN_TIMES_SLOPE)
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
        self.plan.ui(ui);
        ui.label(
            RichText::new(
                "The same schedule for both. Open loop holds the present amplitude; closed loop holds its ECAP — the program's own target, limits and (to start with) gain and rate when it has closed loop (gain × slope below 1 smooth, 1–2 rings, above 2 oscillates).",
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
        // Ticks of 1, 5 and 25 mA: a short plot has no room to label every 1 mA.
        .y_grid_spacer(egui_plot::log_grid_spacer(5))
        .show(ui, |plot| {
            plot.line(
                Line::new("current (mA)", current)
                    .color(palette.anode)
                    .width(1.5),
            );
        });
}
