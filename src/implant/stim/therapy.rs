//! What a stimulator does for its session: the gate's time course, what the patient says,
//! its alerts, and its own commands (through [`super::rules`]).

use super::report::{EvalReport, SeriesRow};
use super::rules;
use super::stimulator::Stimulator;
use super::target::Target;
use crate::device::battery::power_w;
use crate::device::safety::{SafetyReport, Warning, WarningCode};
use crate::device::waveform;
use crate::implant::command::{Command, Event};
use crate::implant::goal::{Ending, Goal, Verdict};
use crate::implant::kind::ImplantKind;
use crate::implant::refusal::Refusal;
use crate::implant::report::{Report, Row};
use crate::implant::therapy::{Host, Therapy, Tick};
use crate::implant::view::View;
use crate::patient::{Pain, Patient, Response};

/// A stimulator's physiology moves on the one-second grid of the dorsal-horn gate; what the
/// patient says depends on what the leads reach (the cord's words, or a nerve's).
impl Therapy for Stimulator {
    fn kind(&self) -> ImplantKind {
        Stimulator::kind(self)
    }

    fn apply(&mut self, host: &mut Host, command: &Command) -> Result<Vec<Event>, Refusal> {
        rules::apply(self, host, command)
    }

    /// Recomputes the fibre thresholds after a change of settings, contacts or body.
    fn refresh(&mut self, patient: &Patient) {
        self.reached = Target::of(patient, &self.device);
        self.memo.clear();
    }

    /// One step of `h_s` seconds at `t_s`: the gate's slow states move toward what the
    /// stimulation asks, the battery drains, and an empty battery stops the implant.
    fn tick(&mut self, patient: &Patient, t_s: f64, h_s: f64) -> Tick {
        self.advance_loop(patient, t_s, h_s);
        let ma = self.instant_ma(t_s);
        let mut memo = std::mem::take(&mut self.memo);
        let response = memo.get(ma, || self.respond(patient, ma));
        self.memo = memo;
        // Disjoint fields: the target reads, the gate moves.
        self.reached
            .target
            .reach()
            .advance(&mut self.gate, &response, h_s, &self.device);
        let settings = self.device.program().settings;
        let power = power_w(ma, self.device.load_ohm(), settings.pulse_duty());
        self.device.battery.drain(power, h_s);
        if self.device.battery.energy_j <= 0.0 {
            // The implant stops by itself; the remote shows the battery alert.
            self.device.therapy_on = false;
        }
        let safe = self.device.mri_mode || self.percutaneous_out();
        self.mri.tick(t_s, safe, self.device.delivering());
        Tick {
            delivered_ma: ma,
            paresthesia: response
                .perception
                .paresthesia
                .iter()
                .copied()
                .fold(0.0, f64::max),
        }
    }

    /// Pain now from the gate's slow states, with a fluctuation on the overall VAS.
    fn pain(&self, patient: &Patient, noise: f64) -> Pain {
        self.reach().pain(patient, &self.gate, noise)
    }

    /// Amplitude reaching the tissue at `t_s`, mA (after compliance, cycling, soft start).
    fn instant_ma(&self, t_s: f64) -> f64 {
        let settings = &self.device.program().settings;
        // A closed loop sets the current itself.
        let ma = self
            .live_loop
            .as_ref()
            .map_or_else(|| self.device.delivered_ma(), |l| l.ma);
        ma * waveform::envelope(settings, t_s - self.started_s)
    }

    /// A closed loop settles where its ECAP meets the target at rest.
    fn steady_ma(&self, patient: &Patient) -> f64 {
        self.held_ma(patient)
    }

    /// The fast physiology at amplitude `ma` with the present configuration.
    fn respond(&self, patient: &Patient, ma: f64) -> Response {
        self.reach().respond(patient, ma, self.reached.dt_ma)
    }

    fn speech(&self, patient: &Patient, response: &Response, pain: &Pain, ma: f64) -> String {
        self.reach()
            .speech(patient, &response.perception, pain, ma, ma > 0.0)
    }

    fn status_alerts(&self) -> Vec<Warning> {
        let mut alerts = Vec::new();
        if let Some(m) = self.device.battery.state().message() {
            alerts.push(Warning::new(WarningCode::Battery, m));
        }
        if self.device.mri_mode {
            alerts.push(Warning::new(WarningCode::Mri, "MRI mode: stimulation off"));
        }
        alerts.extend(self.mri.alert());
        if self.live_loop.as_ref().is_some_and(|l| l.saturated) {
            alerts.push(Warning::new(
                WarningCode::LoopLimit,
                "Closed loop out of compliance: its target needs a current beyond the limits",
            ));
        }
        alerts
    }

    fn felt_alerts(&self) -> Vec<Warning> {
        // The patient feels the current delivered (after compliance), so the warning
        // compares that current with DT too.
        match self.reached.dt_ma {
            Some(dt) if self.device.delivered_ma() >= dt => vec![Warning::new(
                WarningCode::Discomfort,
                format!(
                    "Above the discomfort threshold ({dt:.1} mA): the patient finds this uncomfortable"
                ),
            )],
            _ => Vec::new(),
        }
    }

    fn thresholds(&self) -> (Option<f64>, Option<f64>) {
        (self.reached.pt_ma, self.reached.dt_ma)
    }

    fn safety(&self) -> Option<SafetyReport> {
        Some(super::site::safety(&self.device))
    }

    fn judge(&self, goal: &Goal, end: &Ending) -> Verdict {
        super::judge::judge(goal, self, end)
    }

    fn report(&self, patient: &Patient, steady: &View) -> Report {
        Report::Stimulator(Box::new(EvalReport::of(self, patient, steady)))
    }

    fn row(&self, patient: &Patient, now: &View) -> Row {
        let mut row = SeriesRow::of(now);
        if let Some(live) = &self.live_loop {
            row.ecap_uv = Some((live.ecap_uv * 10.0).round() / 10.0);
            row.in_window = self
                .ecap_window_uv(patient)
                .map(|(low, high)| (low..=high).contains(&live.ecap_uv));
        }
        Row::Stimulator(row)
    }

    fn described(&self) -> String {
        format!("{} program(s)", self.device.programs.len())
    }

    fn therapy_on(&self) -> bool {
        self.device.therapy_on
    }
}
