//! The programmer's ECAP tab (a spinal lead that records its evoked response): a sweep
//! of the current draws the growth curve from the lead's recording, with the perception
//! and discomfort thresholds the clinician marked on it; the closed loop's target, gain
//! and update rate are set beside it and sent to the running program.

use crate::device::closed_loop::{LoopSettings, MAX_UPDATE_HZ};
use crate::patient::ecap::NOISE_FLOOR_UV;
use crate::session::{ProgrammerEdit, Session};
use crate::ui::draw::plots::value_axis;
use crate::ui::request::{Request, Shared};
use egui::{DragValue, RichText, Ui};
use egui_plot::{HLine, Line, Plot, VLine};

/// Current step of a sweep, mA.
pub const SWEEP_STEP_MA: f64 = 0.2;
/// Seconds of the live traces.
pub const LIVE_S: f64 = 10.0;

/// The tab's own state: the last sweep and the loop settings being edited.
#[derive(Clone, Debug, PartialEq)]
pub struct EcapTab {
    /// The last sweep: (mA, µV) at each step.
    sweep: Vec<[f64; 2]>,
    /// ECAP target being set, µV.
    target_uv: f64,
    /// Gain being set, mA per µV.
    gain_ma_per_uv: f64,
    /// Update rate being set, Hz.
    update_hz: f64,
    /// Showing the live traces (else the growth curve).
    live: bool,
}

impl Default for EcapTab {
    fn default() -> EcapTab {
        EcapTab {
            sweep: Vec::new(),
            target_uv: 20.0,
            gain_ma_per_uv: 0.01,
            update_hz: 50.0,
            live: false,
        }
    }
}

impl EcapTab {
    /// What the last sweep shows: the first current whose ECAP clears the noise floor, mA,
    /// and the slope over the next 2 mA above it, µV/mA (`None` before a sweep or when no
    /// step clears the floor).
    pub fn read_sweep(&self) -> Option<(f64, f64)> {
        let first = self.sweep.iter().position(|p| p[1] >= NOISE_FLOOR_UV)?;
        let [ma0, uv0] = self.sweep[first];
        let [ma1, uv1] = *self
            .sweep
            .iter()
            .take_while(|p| p[0] <= ma0 + 2.0 + 1e-9)
            .last()?;
        let slope = if ma1 > ma0 {
            (uv1 - uv0) / (ma1 - ma0)
        } else {
            0.0
        };
        Some((ma0, slope))
    }

    /// What the last sweep shows halfway (in current) between the thresholds the clinician
    /// marked: the current, mA, its ECAP, µV, and the slope there, µV/mA (interpolated
    /// between the sweep's steps; `None` without both marks or a sweep reaching them).
    pub fn read_middle(&self, pt_ma: Option<f64>, dt_ma: Option<f64>) -> Option<[f64; 3]> {
        let middle = 0.5 * (pt_ma? + dt_ma?);
        let at = |ma: f64| -> Option<f64> {
            let i = self.sweep.windows(2).position(|w| w[1][0] >= ma)?;
            let ([a, ua], [b, ub]) = (self.sweep[i], self.sweep[i + 1]);
            Some(ua + (ub - ua) * (ma - a) / (b - a))
        };
        let h = SWEEP_STEP_MA;
        let low = (middle - h).max(0.0);
        let slope = (at(middle + h)? - at(low)?) / (middle + h - low);
        Some([middle, at(middle)?, slope])
    }

    /// Sweeps the running program's current from 0 to the marked discomfort threshold (or
    /// the top of the patient's window) in [`SWEEP_STEP_MA`] steps, recording the ECAP at each: what the device measures
    /// (the patient's thresholds are the clinician's to find). Empty without an ECAP.
    pub fn run_sweep(&mut self, session: &Session) {
        self.sweep.clear();
        let (Some(stim), Some(device)) = (session.stimulator(), session.device()) else {
            return;
        };
        let Some(ecap) = stim.ecap(&session.patient) else {
            return;
        };
        // Up to the discomfort the clinician marked (a patient stops a real sweep there),
        // else the top of the patient's window.
        let program = device.program();
        let top = program
            .notes
            .measured_dt_ma
            .unwrap_or(program.window.max_ma)
            .max(SWEEP_STEP_MA);
        let steps = (top / SWEEP_STEP_MA).round() as usize;
        self.sweep = (0..=steps)
            .map(|k| {
                let ma = k as f64 * SWEEP_STEP_MA;
                [ma, ecap.amplitude_uv(ma, 0.0)]
            })
            .collect();
    }

    /// The tab: the curve on the left, the loop on the right.
    pub fn ui(&mut self, ui: &mut Ui, shared: &Shared<'_>, out: &mut Vec<Request>) {
        let session = shared.session;
        let recordable = session
            .stimulator()
            .is_some_and(|s| s.ecap(&session.patient).is_some());
        if !recordable {
            ui.label(
                "No ECAP to record with this program: closed loop needs a spinal lead with a free \
                 contact two or more from the cathode, and a tonic or burst waveform.",
            );
            return;
        }
        let width = ui.available_width();
        let height = ui.available_height();
        let down = egui::Layout::top_down(egui::Align::LEFT);
        ui.horizontal_top(|ui| {
            ui.allocate_ui_with_layout(egui::vec2(0.55 * width, height), down, |ui| {
                self.curve_ui(ui, shared);
            });
            ui.allocate_ui_with_layout(egui::vec2(0.45 * width - 8.0, height), down, |ui| {
                self.loop_ui(ui, session, out);
            });
        });
    }

    /// The sweep button and the growth curve, with the clinician's marks and the target.
    fn curve_ui(&mut self, ui: &mut Ui, shared: &Shared<'_>) {
        let session = shared.session;
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.live, false, "Growth curve");
            ui.selectable_value(&mut self.live, true, "Live");
            if !self.live
                && ui
                    .button("Sweep the current")
                    .on_hover_text(
                        "Records the ECAP from 0 mA to the marked discomfort threshold (or the top of the patient's window)",
                    )
                    .clicked()
            {
                self.run_sweep(session);
            }
        });
        if self.live {
            self.live_ui(ui, shared);
            return;
        }
        match self.read_sweep() {
            Some((ma, slope)) => ui.label(
                RichText::new(format!(
                    "ECAP threshold {ma:.1} mA · slope {slope:.0} µV/mA (from the sweep)"
                ))
                .small(),
            ),
            None if self.sweep.is_empty() => ui.label("Sweep to draw the growth curve"),
            None => ui.label("No ECAP above the noise floor within the patient's window"),
        };
        let notes = session.device().map(|d| d.program().notes.clone());
        let marks = notes
            .map(|n| (n.measured_pt_ma, n.measured_dt_ma))
            .unwrap_or_default();
        if let Some([ma, uv, slope]) = self.read_middle(marks.0, marks.1) {
            ui.label(
                RichText::new(format!(
                    "Halfway between your marks ({ma:.2} mA): ECAP {uv:.1} µV · slope there {slope:.1} µV/mA"
                ))
                .small(),
            );
        }
        let palette = shared.palette;
        Plot::new("ecap growth curve")
            .height(ui.available_height().max(80.0))
            .allow_zoom(false)
            .allow_drag(false)
            .allow_scroll(false)
            .include_y(0.0)
            .custom_x_axes(vec![value_axis("mA")])
            .custom_y_axes(vec![value_axis("µV")])
            .show(ui, |plot| {
                if !self.sweep.is_empty() {
                    plot.line(
                        Line::new("ECAP (µV) against current (mA)", self.sweep.clone())
                            .color(palette.cathode)
                            .width(2.0),
                    );
                }
                if let Some(pt) = marks.0 {
                    plot.vline(VLine::new("perception (marked)", pt).color(palette.good));
                }
                if let Some(dt) = marks.1 {
                    plot.vline(VLine::new("discomfort (marked)", dt).color(palette.pain));
                }
                plot.hline(HLine::new("target", self.target_uv).color(palette.tingling));
            });
    }

    /// The two traces a closed-loop programmer shows — the ECAP and the current over the
    /// last [`LIVE_S`] seconds — with the window between the ECAPs at the thresholds the
    /// clinician marked as a band, and the target.
    fn live_ui(&self, ui: &mut Ui, shared: &Shared<'_>) {
        let session = shared.session;
        let Some(stim) = session.stimulator() else {
            return;
        };
        let Some(live) = stim.live_loop().filter(|l| !l.history.is_empty()) else {
            ui.label("Turn closed loop on, with stimulation on, to see the ECAP and the current");
            return;
        };
        let end = live.history.back().map_or(0.0, |x| x.t_s);
        let recent: Vec<_> = live
            .history
            .iter()
            .filter(|x| x.t_s >= end - LIVE_S)
            .collect();
        let span = |f: &dyn Fn(&&crate::implant::stim::closed_loop::LoopSample) -> f64| {
            recent
                .iter()
                .map(f)
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
                    (lo.min(v), hi.max(v))
                })
        };
        let (e_lo, e_hi) = span(&|x| x.ecap_uv);
        let (i_lo, i_hi) = span(&|x| x.ma);
        ui.label(
            RichText::new(format!(
                "Last {LIVE_S:.0} s: ECAP {e_lo:.0}–{e_hi:.0} µV · current {i_lo:.2}–{i_hi:.2} mA"
            ))
            .small(),
        );
        let notes = &stim.device().program().notes;
        let band = stim.ecap(&session.patient).and_then(|e| {
            let (pt, dt) = (notes.measured_pt_ma?, notes.measured_dt_ma?);
            Some((e.amplitude_uv(pt, 0.0), e.amplitude_uv(dt, 0.0)))
        });
        let palette = shared.palette;
        let height = (0.5 * ui.available_height() - 4.0).max(40.0);
        let ecap: Vec<[f64; 2]> = recent.iter().map(|x| [x.t_s - end, x.ecap_uv]).collect();
        let current: Vec<[f64; 2]> = recent.iter().map(|x| [x.t_s - end, x.ma]).collect();
        Plot::new("live ecap")
            .height(height)
            .allow_zoom(false)
            .allow_drag(false)
            .allow_scroll(false)
            .include_y(0.0)
            .custom_y_axes(vec![value_axis("µV")])
            .show(ui, |plot| {
                if let Some((low, high)) = band {
                    plot.hline(HLine::new("window (marked)", low).color(palette.good));
                    plot.hline(HLine::new("window top (marked)", high).color(palette.pain));
                }
                plot.hline(HLine::new("target", self.target_uv).color(palette.tingling));
                plot.line(
                    Line::new("ECAP (µV)", ecap)
                        .color(palette.cathode)
                        .width(1.5),
                );
            });
        Plot::new("live current")
            .height(height)
            .allow_zoom(false)
            .allow_drag(false)
            .allow_scroll(false)
            .include_y(0.0)
            .custom_x_axes(vec![value_axis("s")])
            .custom_y_axes(vec![value_axis("mA")])
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

    /// The loop's settings, the on/off buttons and what the loop does now.
    fn loop_ui(&mut self, ui: &mut Ui, session: &Session, out: &mut Vec<Request>) {
        let Some(device) = session.device() else {
            return;
        };
        let window = device.program().window;
        egui::Grid::new("loop settings").show(ui, |ui| {
            let rows = [
                ("Target (µV)", &mut self.target_uv, 4.0..=1000.0, 0.5),
                ("Gain (mA/µV)", &mut self.gain_ma_per_uv, 0.0..=1.0, 0.001),
                (
                    "Updates a second",
                    &mut self.update_hz,
                    1.0..=MAX_UPDATE_HZ,
                    1.0,
                ),
            ];
            for (name, value, range, speed) in rows {
                let label = ui.label(name);
                ui.add(
                    DragValue::new(value)
                        .range(range)
                        .speed(speed)
                        .max_decimals(3),
                )
                .labelled_by(label.id);
                ui.end_row();
            }
        });
        ui.label(
            RichText::new(format!(
                "Limits: the patient's window, {}–{} mA",
                window.min_ma, window.max_ma
            ))
            .small(),
        );
        ui.horizontal(|ui| {
            if ui.button("Closed loop on").clicked() {
                let settings = LoopSettings {
                    target_uv: self.target_uv,
                    gain_ma_per_uv: self.gain_ma_per_uv,
                    update_hz: self.update_hz,
                    min_ma: window.min_ma,
                    max_ma: window.max_ma,
                };
                out.push(Request::Clinician(
                    ProgrammerEdit::SetClosedLoop(Some(settings)).into(),
                ));
            }
            if ui.button("Open loop").clicked() {
                out.push(Request::Clinician(
                    ProgrammerEdit::SetClosedLoop(None).into(),
                ));
            }
        });
        self.status_ui(ui, session, device);
    }

    /// What the loop does now, and the running settings (which can be copied into the
    /// fields to edit them).
    fn status_ui(&mut self, ui: &mut Ui, session: &Session, device: &crate::device::Device) {
        let now = match session.stimulator().and_then(|s| s.live_loop()) {
            Some(l) if l.saturated => format!(
                "Closed loop: {:.1} µV at {:.2} mA — out of compliance (at a limit)",
                l.ecap_uv, l.ma
            ),
            Some(l) => format!("Closed loop: {:.1} µV at {:.2} mA", l.ecap_uv, l.ma),
            None if device.program().closed_loop.is_some() => {
                "Closed loop set: it runs while stimulation is on".into()
            }
            None => "Open loop: the amplitude is held as set".into(),
        };
        ui.label(now);
        if let Some(l) = device.program().running_loop() {
            ui.label(
                RichText::new(format!(
                    "Running: target {:.1} µV · gain {} mA/µV · {:.0} updates/s · limits {}–{} mA",
                    l.target_uv, l.gain_ma_per_uv, l.update_hz, l.min_ma, l.max_ma
                ))
                .small(),
            );
            if ui
                .button("Edit the running settings")
                .on_hover_text("Copies the running target, gain and rate into the fields above")
                .clicked()
            {
                self.target_uv = l.target_uv;
                self.gain_ma_per_uv = l.gain_ma_per_uv;
                self.update_hz = l.update_hz;
            }
        }
    }
}
