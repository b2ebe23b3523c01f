//! The programmable pump (SynchroMed II-like, REFERENCES-IDDS §1): a 20 or 40 mL reservoir,
//! the drug and concentration the clinician programmed (and the one truly inside), a flow
//! rate computed from dose and concentration between the device's floor and ceiling, dosing
//! modes, boluses, flow accuracy, the catheter's dead volume, service life and alarms.

use super::alarm::Alarm;
use super::catheter::Catheter;
use super::fill::Fill;
use super::refill::Refill;
use crate::patient::pharmacology::{Delivery, Drug};
use serde::{Deserialize, Serialize};

/// Lowest flow the pump delivers, mL/day (SynchroMed II).
pub const MIN_RATE_ML_PER_DAY: f64 = 0.048;
/// Highest flow, mL/day (not confirmed by REFERENCES-IDDS: a documented constant).
pub const MAX_RATE_ML_PER_DAY: f64 = 24.0;
/// Labelled flow accuracy: delivery more than this share above programmed is
/// over-infusion (±14.5 %).
pub const FLOW_ACCURACY: f64 = 0.145;
/// After the elective replacement indicator the pump stops this many days later.
pub const ERI_TO_STOP_DAYS: f64 = 90.0;
/// Reservoir sizes, mL (models 8637-20 and -40).
pub const CAPACITIES_ML: [f64; 2] = [20.0, 40.0];
/// Seconds in a day.
pub const DAY_S: f64 = 86_400.0;

/// One step of a flex schedule: from `start_h` (hours after midnight) this daily dose.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct FlexStep {
    /// Hour of the day the step starts (0–24).
    pub start_h: f64,
    /// Dose while it lasts, as mg per day.
    pub daily_dose_mg: f64,
}

/// How the pump doses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Mode {
    /// No delivery.
    Stopped,
    /// The daily dose at a constant rate.
    SimpleContinuous,
    /// Timed steps through the day (each a dose per day while it lasts).
    Flex(Vec<FlexStep>),
}

/// The patient's bolus, as the clinician set it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BolusLimits {
    /// Dose per bolus, mg.
    pub dose_mg: f64,
    /// Lockout: the least time between boluses, h.
    pub lockout_h: f64,
    /// Most boluses in any 24 h.
    pub max_per_day: u32,
}

/// An extra flow for a while (a bridge bolus): it replaces the basal rate until `left_ml`
/// has passed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bridge {
    /// Volume still to push, mL.
    pub left_ml: f64,
    /// Its rate, mL/day.
    pub rate_ml_per_day: f64,
}

/// How a programmed pump departs from the order on file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Departure {
    /// It is stopped.
    Stopped,
    /// It is told another drug or concentration than the reservoir should hold.
    Drug,
    /// Its daily dose is not the prescribed one.
    Dose,
}

/// The implanted pump.
#[derive(Clone, Debug, PartialEq)]
pub struct Pump {
    /// Reservoir capacity, mL (20 or 40).
    pub capacity_ml: f64,
    /// What is truly in the reservoir, mL.
    pub reservoir_ml: f64,
    /// What the pump's record says is in the reservoir, mL (programmed flow subtracted).
    pub record_ml: f64,
    /// What is truly in the reservoir (`None`: nothing).
    pub contents: Option<Fill>,
    /// The drug and concentration the clinician programmed.
    pub programmed: Fill,
    /// The drug and concentration the patient's prescription names (as the pump was set
    /// up): a refill "as prescribed" fills this, whatever the programmer is told later.
    pub prescribed: Fill,
    /// The daily dose the patient's prescription names, mg/day (as the pump was set up):
    /// what a slip in the programmer is compared with.
    pub prescribed_dose_mg: f64,
    /// The programmed daily dose in simple continuous mode, mg/day.
    pub daily_dose_mg: f64,
    /// The dosing mode.
    pub mode: Mode,
    /// The patient's bolus, if the clinician set one.
    pub bolus: Option<BolusLimits>,
    /// When the patient's boluses were given (session seconds), the last day's kept.
    pub bolus_times_s: Vec<f64>,
    /// Bolus presses refused since the last interrogation (the clinician sees demand).
    pub denied_boluses: u32,
    /// The catheter.
    pub catheter: Catheter,
    /// Delivered ÷ programmed (1.02: +2 %, as measured in clinic; above 1.145 over-infusion).
    pub flow_factor: f64,
    /// Low-reservoir alarm level the clinician set, mL.
    pub low_alarm_ml: f64,
    /// When the elective replacement indicator is reached, session seconds.
    pub eri_at_s: f64,
    /// The catheter is blocked: nothing leaves the reservoir.
    pub occluded: bool,
    /// The motor has stalled.
    pub stalled: bool,
    /// The pump is in an MRI scanner's field: the rotor stops.
    pub in_mri: bool,
    /// Delivery is held after an MRI until the pump is interrogated (it was alarming).
    pub held: bool,
    /// Last interrogation, session seconds.
    pub interrogated_at_s: Option<f64>,
    /// Bolus volume waiting to be pushed through the catheter, mL (and its drug record
    /// counts it as programmed).
    pub pending_bolus_ml: f64,
    /// A bridge bolus in progress.
    pub bridge: Option<Bridge>,
    /// A refill in progress.
    pub refill: Option<Refill>,
    /// The last refill finished.
    pub last_refill: Option<Refill>,
    /// The pump was alarming when it entered the MRI magnet (it then waits for an
    /// interrogation after the scan).
    pub mri_was_alarming: bool,
    /// Drug put straight into the CSF through the catheter access port, waiting for the
    /// next step, mg per drug.
    pub direct_mg: [f64; Drug::ALL.len()],
    /// Drug put into the pocket, waiting for the next step, mg per drug.
    pub pocket_mg: [f64; Drug::ALL.len()],
    /// Drug that reached the CSF at the tip in total, mg per drug.
    pub delivered_mg: [f64; Drug::ALL.len()],
    /// Daily doses programmed: (time, dose before, dose after), for titration rules.
    pub dose_changes: Vec<(f64, f64, f64)>,
    /// How many refill needles will miss the reservoir's septum next (the scene's pocket
    /// fill hazard; a deep pump makes it likelier).
    pub needle_misses: u32,
    /// Alarms active now.
    pub alarms: Vec<Alarm>,
    /// The dose reaching the tip against the prescription, over windows of
    /// [`DOSE_WINDOW_S`]: (delivered mg, prescribed mg, seconds) of the window under way.
    pub dose_window: (f64, f64, f64),
    /// Lowest and highest delivered ÷ prescribed of any finished window (`None` before the
    /// first): a concentration change without a bridge shows here.
    pub dose_ratio_range: Option<(f64, f64)>,
    /// What happened around a booked MRI scan.
    pub mri: super::mri_record::PumpMri,
}

/// Length of the windows over which the dose reaching the tip is compared with the
/// prescription, s (6 h).
pub const DOSE_WINDOW_S: f64 = 6.0 * 3600.0;

impl Pump {
    /// The programmed daily dose at time `t_s` (flex steps by time of day), mg/day.
    pub fn dose_now_mg_per_day(&self, t_s: f64) -> f64 {
        match &self.mode {
            Mode::Stopped => 0.0,
            Mode::SimpleContinuous => self.daily_dose_mg,
            Mode::Flex(steps) => {
                let hour = (super::clock::START_CLOCK_H + t_s / 3600.0).rem_euclid(24.0);
                steps
                    .iter()
                    .filter(|s| s.start_h <= hour)
                    .max_by(|a, b| a.start_h.total_cmp(&b.start_h))
                    .or_else(|| steps.iter().max_by(|a, b| a.start_h.total_cmp(&b.start_h)))
                    .map_or(0.0, |s| s.daily_dose_mg)
            }
        }
    }

    /// The mean daily dose the programmed mode delivers, mg/day (0 when stopped).
    pub fn mean_daily_dose_mg(&self) -> f64 {
        match &self.mode {
            Mode::Stopped => 0.0,
            Mode::SimpleContinuous => self.daily_dose_mg,
            Mode::Flex(steps) => flex_mean(steps),
        }
    }

    /// Rate for a daily dose with the programmed concentration, mL/day.
    pub fn rate_for(&self, daily_dose_mg: f64) -> f64 {
        rate_of(daily_dose_mg, self.programmed.concentration_mg_per_ml)
    }

    /// The programmed rate now, mL/day (0 when the mode is stopped).
    pub fn rate_ml_per_day(&self, t_s: f64) -> f64 {
        self.rate_for(self.dose_now_mg_per_day(t_s))
    }

    /// The prescription on file in words (`baclofen 0.5 mg/mL, 200 µg a day`): what the
    /// clinician compares the programmed drug, concentration and dose with.
    pub fn order_words(&self) -> String {
        format!(
            "{} {} mg/mL, {} a day",
            self.prescribed.drug,
            super::units::trim(self.prescribed.concentration_mg_per_ml),
            super::units::dose_words(self.prescribed.drug, self.prescribed_dose_mg)
        )
    }

    /// Where the programmer departs from the order on file, the first found: stopped, told
    /// another drug or concentration, or another mean daily dose (beyond a thousandth, as
    /// the screens round). `None`: it holds the prescription.
    pub fn departure_from_order(&self) -> Option<Departure> {
        if self.mode == Mode::Stopped {
            Some(Departure::Stopped)
        } else if self.programmed != self.prescribed {
            Some(Departure::Drug)
        } else if (self.mean_daily_dose_mg() - self.prescribed_dose_mg).abs()
            > 1e-3 * self.prescribed_dose_mg
        {
            Some(Departure::Dose)
        } else {
            None
        }
    }

    /// Why the pump is not delivering now, in words; `None` when it delivers.
    pub fn not_delivering(&self, t_s: f64) -> Option<&'static str> {
        if self.stalled {
            Some("motor stall")
        } else if self.in_mri {
            Some("stopped in the MRI magnet")
        } else if self.held {
            Some("held after an MRI until interrogated")
        } else if t_s >= self.eri_at_s + ERI_TO_STOP_DAYS * DAY_S {
            Some("end of service")
        } else if self.mode == Mode::Stopped {
            Some("stopped")
        } else if self.reservoir_ml <= 0.0 && self.record_ml <= 0.0 {
            Some("reservoir empty")
        } else {
            None
        }
    }

    /// Discrepancy at a refill above which the difference is potentially consequential,
    /// mL: 1 mL for a 20 mL pump, 2 mL for a 40 mL pump (Maino 2017).
    pub fn discrepancy_limit_ml(&self) -> f64 {
        if self.capacity_ml > 20.0 { 2.0 } else { 1.0 }
    }

    /// Days until the pump's record reaches the low-reservoir alarm at the present rate.
    pub fn days_to_low_reservoir(&self, t_s: f64) -> Option<f64> {
        let rate = self.rate_ml_per_day(t_s);
        (rate > 0.0).then(|| ((self.record_ml - self.low_alarm_ml) / rate).max(0.0))
    }

    /// One step of `h_s` seconds at `t_s`: flow through the reservoir and the catheter;
    /// what reached the body.
    pub fn step(&mut self, t_s: f64, h_s: f64) -> Delivery {
        self.mri_tick(t_s);
        let mut delivery = Delivery {
            bolus_mg: std::mem::take(&mut self.direct_mg),
            pocket_mg: std::mem::take(&mut self.pocket_mg),
            ..Delivery::default()
        };
        if self.not_delivering(t_s).is_none() {
            let rate = match self.bridge {
                Some(b) => b.rate_ml_per_day,
                None => self.rate_ml_per_day(t_s),
            };
            let mut ml = rate * h_s / DAY_S;
            if let Some(b) = &mut self.bridge {
                ml = ml.min(b.left_ml);
                b.left_ml -= ml;
                if b.left_ml <= 1e-12 {
                    self.bridge = None;
                }
            }
            let out = self.pump_ml(ml);
            add(&mut delivery.infused_mg, &out);
            let bolus = std::mem::take(&mut self.pending_bolus_ml);
            let out = self.pump_ml(bolus);
            add(&mut delivery.bolus_mg, &out);
        }
        self.track_dose(t_s, h_s, &delivery.infused_mg);
        for (total, (a, b)) in self
            .delivered_mg
            .iter_mut()
            .zip(delivery.infused_mg.iter().zip(&delivery.bolus_mg))
        {
            *total += a + b;
        }
        self.bolus_times_s.retain(|t| t_s - t < DAY_S);
        self.update_alarms(t_s);
        delivery
    }

    /// Pushes `programmed_ml`: the record counts it, the reservoir gives it times the flow
    /// factor (nothing through a blocked catheter); returns mg per drug out of the tip.
    fn pump_ml(&mut self, programmed_ml: f64) -> [f64; Drug::ALL.len()] {
        let mut mg = [0.0; Drug::ALL.len()];
        if programmed_ml <= 0.0 {
            return mg;
        }
        self.record_ml = (self.record_ml - programmed_ml).max(0.0);
        if self.occluded {
            return mg;
        }
        let actual = (programmed_ml * self.flow_factor).min(self.reservoir_ml.max(0.0));
        self.reservoir_ml -= actual;
        let fill = self.contents;
        if self.reservoir_ml <= 1e-12 {
            self.reservoir_ml = 0.0;
        }
        for plug in self.catheter.push(fill, actual) {
            if let Some(f) = plug.fill {
                mg[f.drug.index()] += f.concentration_mg_per_ml * plug.ml;
            }
        }
        mg
    }

    /// Adds one step to the dose window; a full window updates the ratio range.
    fn track_dose(&mut self, t_s: f64, h_s: f64, infused: &[f64; Drug::ALL.len()]) {
        let drug = self.programmed.drug.index();
        let prescribed = self.dose_now_mg_per_day(t_s) * h_s / DAY_S;
        let w = &mut self.dose_window;
        w.0 += infused[drug];
        w.1 += prescribed;
        w.2 += h_s;
        if w.2 >= DOSE_WINDOW_S {
            if w.1 > 0.0 {
                let r = w.0 / w.1;
                self.dose_ratio_range = Some(match self.dose_ratio_range {
                    Some((lo, hi)) => (lo.min(r), hi.max(r)),
                    None => (r, r),
                });
            }
            *w = (0.0, 0.0, 0.0);
        }
    }

    /// Refreshes the alarms from the state at `t_s`.
    pub fn update_alarms(&mut self, t_s: f64) {
        let mut alarms = Vec::new();
        if self.record_ml <= 0.0 {
            alarms.push(Alarm::EmptyReservoir);
        } else if self.record_ml <= self.low_alarm_ml {
            alarms.push(Alarm::LowReservoir {
                record_ml: self.record_ml,
                alarm_ml: self.low_alarm_ml,
            });
        }
        let stop_at = self.eri_at_s + ERI_TO_STOP_DAYS * DAY_S;
        if t_s >= stop_at {
            alarms.push(Alarm::EndOfService);
        } else if t_s >= self.eri_at_s {
            alarms.push(Alarm::ElectiveReplacement {
                days_left: (stop_at - t_s) / DAY_S,
            });
        }
        if self.stalled {
            alarms.push(Alarm::MotorStall);
        }
        if self.in_mri {
            alarms.push(Alarm::InMri);
        } else if self.held {
            alarms.push(Alarm::HeldAfterMri);
        }
        self.alarms = alarms;
    }

    /// Whether any alarm sounds (an MRI exit then holds delivery until interrogation).
    pub fn alarming(&self) -> bool {
        self.alarms.iter().any(|a| a.sounds())
    }
}

fn add(total: &mut [f64; Drug::ALL.len()], more: &[f64; Drug::ALL.len()]) {
    for (t, m) in total.iter_mut().zip(more) {
        *t += m;
    }
}

/// Flow rate that delivers `daily_dose_mg` of a drug at `concentration_mg_per_ml`, mL/day:
/// dose ÷ concentration (the programmer's computed rate).
pub fn rate_of(daily_dose_mg: f64, concentration_mg_per_ml: f64) -> f64 {
    daily_dose_mg / concentration_mg_per_ml
}

/// Mean daily dose of a flex schedule over 24 h, mg/day.
pub fn flex_mean(steps: &[FlexStep]) -> f64 {
    let mut sorted: Vec<FlexStep> = steps.to_vec();
    sorted.sort_by(|a, b| a.start_h.total_cmp(&b.start_h));
    let n = sorted.len();
    (0..n)
        .map(|i| {
            let start = sorted[i].start_h;
            let end = if i + 1 < n {
                sorted[i + 1].start_h
            } else {
                sorted[0].start_h + 24.0
            };
            sorted[i].daily_dose_mg * (end - start) / 24.0
        })
        .sum()
}
