//! What the pump does with each command: the programmer's tasks, the patient's bolus, the
//! refill's steps and the scene's events. Each returns the change in words or a refusal.

use super::command::{Kit, Port, PumpEdit, PumpEvent, RefillStep};
use super::device::{Bridge, DAY_S, Fill, MAX_RATE_ML_PER_DAY, Mode, Pump};
use super::refill::{Needle, Place, Refill};
use super::refusal::PumpRefusal;
use crate::patient::pharmacology::{Drug, Family};

/// Ziconotide's first dose, at most, mg/day (2.4 µg/day; PACC 0.5–1.2).
pub const ZICONOTIDE_START_MG: f64 = 0.0024;
/// Ziconotide's largest step up, mg/day (2.4 µg/day).
pub const ZICONOTIDE_STEP_MG: f64 = 0.0024;
/// Ziconotide steps up allowed in any 7 days ("no more than 2–3 times a week").
pub const ZICONOTIDE_STEPS_PER_WEEK: usize = 3;
/// Ziconotide's maximum, mg/day (19.2 µg/day).
pub const ZICONOTIDE_MAX_MG: f64 = 0.0192;
/// Drugs a patient's remote may not bolus (the Prometra PTC cannot bolus baclofen).
pub const NO_PATIENT_BOLUS: [Drug; 1] = [Drug::Baclofen];
/// The refill needs an interrogation no older than this, s.
const INTERROGATION_FRESH_S: f64 = 2.0 * 3600.0;
/// CSF drawn behind the catheter's contents when aspirating the access port, mL.
const CAP_CSF_ML: f64 = 2.0;

fn value(field: &str, message: String) -> PumpRefusal {
    PumpRefusal::Value {
        field: field.into(),
        message,
    }
}

fn step_refused(message: &str) -> PumpRefusal {
    PumpRefusal::RefillStep(message.into())
}

/// Ziconotide's dose rules for a new daily dose (REFERENCES-IDDS §4).
pub fn ziconotide(pump: &Pump, dose_mg: f64, t_s: f64) -> Result<(), PumpRefusal> {
    let ug = |mg: f64| mg * 1000.0;
    if dose_mg > ZICONOTIDE_MAX_MG + 1e-12 {
        return Err(PumpRefusal::Ziconotide(format!(
            "Ziconotide {:.1} µg/day is above its maximum of 19.2 µg/day",
            ug(dose_mg)
        )));
    }
    let previous = (pump.mode != Mode::Stopped && pump.daily_dose_mg > 0.0)
        .then_some(pump.daily_dose_mg)
        .or(pump.dose_changes.last().map(|c| c.2));
    let Some(previous) = previous else {
        if dose_mg > ZICONOTIDE_START_MG + 1e-12 {
            return Err(PumpRefusal::Ziconotide(format!(
                "Ziconotide starts at 2.4 µg/day or less, not {:.1} µg/day",
                ug(dose_mg)
            )));
        }
        return Ok(());
    };
    if dose_mg > previous + ZICONOTIDE_STEP_MG + 1e-12 {
        return Err(PumpRefusal::Ziconotide(format!(
            "Ziconotide rises by 2.4 µg/day at most: {:.1} to {:.1} µg/day is a step of {:.1}",
            ug(previous),
            ug(dose_mg),
            ug(dose_mg - previous)
        )));
    }
    if dose_mg > previous + 1e-12 {
        let rises = pump
            .dose_changes
            .iter()
            .filter(|(t, before, after)| *after > before + 1e-12 && t_s - t < 7.0 * DAY_S)
            .count();
        if rises >= ZICONOTIDE_STEPS_PER_WEEK {
            return Err(PumpRefusal::Ziconotide(format!(
                "Ziconotide has been raised {rises} times in the last 7 days: no more than 2–3 times a week"
            )));
        }
    }
    Ok(())
}

impl Pump {
    /// Applies a programmer task at `t_s` for a patient who is `opioid_naive` or not.
    pub fn program(
        &mut self,
        edit: &PumpEdit,
        t_s: f64,
        opioid_naive: bool,
    ) -> Result<String, PumpRefusal> {
        match edit {
            PumpEdit::Interrogate => Ok(self.interrogate(t_s)),
            PumpEdit::SetDrug {
                drug,
                concentration_mg_per_ml: c,
            } => {
                if !c.is_finite() || *c <= 0.0 || *c > 100.0 {
                    return Err(value(
                        "concentration_mg_per_ml",
                        format!("concentration {c} mg/mL is outside 0–100 mg/mL"),
                    ));
                }
                let before = self.programmed;
                self.programmed = Fill {
                    drug: *drug,
                    concentration_mg_per_ml: *c,
                };
                if self.mode != Mode::Stopped
                    && let Err(e) = self.check_rate(self.daily_dose_mg)
                {
                    self.programmed = before;
                    return Err(e);
                }
                if before.drug != *drug {
                    self.dose_changes.clear();
                }
                Ok(format!(
                    "drug {drug} {c} mg/mL; rate {:.4} mL/day",
                    self.rate_for(self.daily_dose_mg)
                ))
            }
            PumpEdit::SetDailyDose(mg) => {
                let rate = self.check_dose(*mg, t_s)?;
                let before = if self.mode == Mode::Stopped {
                    0.0
                } else {
                    self.daily_dose_mg
                };
                self.daily_dose_mg = *mg;
                self.dose_changes.push((t_s, before, *mg));
                if self.mode == Mode::Stopped {
                    self.mode = Mode::SimpleContinuous;
                }
                Ok(format!("daily dose {mg} mg; rate {rate:.4} mL/day"))
            }
            PumpEdit::SetMode(mode) => self.set_mode(mode),
            PumpEdit::SetBolus(limits) => self.set_bolus(*limits, opioid_naive),
            PumpEdit::SetLowReservoirAlarm(ml) => {
                if !ml.is_finite() || *ml < 0.5 || *ml > self.capacity_ml / 2.0 {
                    return Err(value(
                        "low_alarm_ml",
                        format!(
                            "low-reservoir alarm {ml} mL is outside 0.5–{:.0} mL",
                            self.capacity_ml / 2.0
                        ),
                    ));
                }
                self.low_alarm_ml = *ml;
                self.update_alarms(t_s);
                Ok(format!("low-reservoir alarm at {ml} mL"))
            }
            PumpEdit::ClinicianBolus(mg) => {
                if !mg.is_finite() || *mg <= 0.0 {
                    return Err(value("bolus_mg", format!("bolus {mg} mg is not above 0")));
                }
                self.deliverable(t_s)?;
                self.pending_bolus_ml += mg / self.programmed.concentration_mg_per_ml;
                Ok(format!("clinician bolus of {mg} mg"))
            }
            PumpEdit::PrimingBolus => {
                self.deliverable(t_s)?;
                self.pending_bolus_ml += self.catheter.dead_volume_ml;
                Ok(format!(
                    "priming bolus of {:.3} mL (the catheter's volume)",
                    self.catheter.dead_volume_ml
                ))
            }
            PumpEdit::BridgeBolus => self.bridge_bolus(t_s),
            PumpEdit::Refill(step) => self.refill_step(step, t_s),
        }
    }

    /// The rate a daily dose needs, within the pump's floor and ceiling.
    pub(super) fn check_rate(&self, daily_dose_mg: f64) -> Result<(), PumpRefusal> {
        let rate = self.rate_for(daily_dose_mg);
        if rate < super::device::MIN_RATE_ML_PER_DAY - 1e-12 {
            return Err(PumpRefusal::BelowMinimumRate {
                rate_ml_per_day: rate,
            });
        }
        if rate > MAX_RATE_ML_PER_DAY {
            return Err(PumpRefusal::AboveMaximumRate {
                rate_ml_per_day: rate,
                max: MAX_RATE_ML_PER_DAY,
            });
        }
        Ok(())
    }

    fn deliverable(&self, t_s: f64) -> Result<(), PumpRefusal> {
        match self.not_delivering(t_s) {
            Some(why) if why != "stopped" => Err(PumpRefusal::NotDelivering(why.into())),
            _ => Ok(()),
        }
    }

    fn interrogate(&mut self, t_s: f64) -> String {
        self.interrogated_at_s = Some(t_s);
        let resumed = std::mem::take(&mut self.held);
        self.update_alarms(t_s);
        let used = self.bolus_times_s.len();
        let denied = std::mem::take(&mut self.denied_boluses);
        format!(
            "interrogated: reservoir {:.1} mL by the record, {} alarm(s), {used} bolus(es) in 24 h, {denied} refused{}",
            self.record_ml,
            self.alarms.len(),
            if resumed { "; delivery resumed" } else { "" }
        )
    }

    fn set_mode(&mut self, mode: &Mode) -> Result<String, PumpRefusal> {
        if let Mode::Flex(steps) = mode {
            if steps.is_empty() || steps.len() > 12 {
                return Err(value("mode", "a flex schedule has 1 to 12 steps".into()));
            }
            for s in steps {
                if !s.start_h.is_finite() || !(0.0..24.0).contains(&s.start_h) {
                    return Err(value(
                        "mode",
                        format!("a flex step starts at {} h, outside 0–24 h", s.start_h),
                    ));
                }
                if !s.daily_dose_mg.is_finite() || s.daily_dose_mg <= 0.0 {
                    return Err(value("mode", "each flex step needs a dose above 0".into()));
                }
                self.check_rate(s.daily_dose_mg)?;
            }
        }
        if *mode == Mode::SimpleContinuous {
            self.check_rate(self.daily_dose_mg)?;
        }
        self.mode = mode.clone();
        Ok(match mode {
            Mode::Stopped => "pump stopped".into(),
            Mode::SimpleContinuous => "simple continuous".into(),
            Mode::Flex(s) => format!("flex with {} steps", s.len()),
        })
    }

    fn set_bolus(
        &mut self,
        limits: Option<super::device::BolusLimits>,
        opioid_naive: bool,
    ) -> Result<String, PumpRefusal> {
        let Some(l) = limits else {
            self.bolus = None;
            return Ok("patient bolus off".into());
        };
        let drug = self.programmed.drug;
        if NO_PATIENT_BOLUS.contains(&drug) {
            return Err(PumpRefusal::NoBolusForDrug(drug));
        }
        if opioid_naive && drug.family() == Family::Opioid {
            return Err(PumpRefusal::OpioidNaive);
        }
        if !l.dose_mg.is_finite() || l.dose_mg <= 0.0 {
            return Err(value(
                "bolus_mg",
                format!("bolus {} mg is not above 0", l.dose_mg),
            ));
        }
        if !l.lockout_h.is_finite() || !(0.25..=24.0).contains(&l.lockout_h) {
            return Err(value(
                "lockout_h",
                format!("lockout {} h is outside 0.25–24 h", l.lockout_h),
            ));
        }
        if !(1..=24).contains(&l.max_per_day) {
            return Err(value(
                "max_boluses_per_day",
                format!("{} boluses a day is outside 1–24", l.max_per_day),
            ));
        }
        self.bolus = Some(l);
        Ok(format!(
            "patient bolus {} mg, lockout {} h, at most {} a day",
            l.dose_mg, l.lockout_h, l.max_per_day
        ))
    }

    /// The patient's bolus button at `t_s`.
    pub fn patient_bolus(&mut self, t_s: f64) -> Result<String, PumpRefusal> {
        let result = self.try_patient_bolus(t_s);
        if result.is_err() {
            self.denied_boluses += 1;
        }
        result
    }

    fn try_patient_bolus(&mut self, t_s: f64) -> Result<String, PumpRefusal> {
        let drug = self.programmed.drug;
        if NO_PATIENT_BOLUS.contains(&drug) {
            return Err(PumpRefusal::NoBolusForDrug(drug));
        }
        let Some(l) = self.bolus else {
            return Err(PumpRefusal::NoBolus);
        };
        self.deliverable(t_s)?;
        if let Some(why) = self.not_delivering(t_s) {
            return Err(PumpRefusal::NotDelivering(why.into()));
        }
        let recent: Vec<f64> = self
            .bolus_times_s
            .iter()
            .copied()
            .filter(|t| t_s - t < DAY_S)
            .collect();
        if let Some(last) = recent.iter().copied().reduce(f64::max) {
            let next = last + l.lockout_h * 3600.0;
            if t_s < next {
                return Err(PumpRefusal::Lockout {
                    next_at_s: next,
                    wait_s: next - t_s,
                });
            }
        }
        if recent.len() >= l.max_per_day as usize
            && let Some(first) = recent.iter().copied().reduce(f64::min)
        {
            let next = first + DAY_S;
            return Err(PumpRefusal::DailyLimit {
                next_at_s: next,
                wait_s: next - t_s,
            });
        }
        self.bolus_times_s.push(t_s);
        self.pending_bolus_ml += l.dose_mg / self.programmed.concentration_mg_per_ml;
        Ok(format!("patient bolus of {} mg", l.dose_mg))
    }

    fn bridge_bolus(&mut self, t_s: f64) -> Result<String, PumpRefusal> {
        self.deliverable(t_s)?;
        let target = self.programmed;
        if self.catheter.plugs().all(|p| p.fill == Some(target)) {
            return Err(PumpRefusal::NothingToBridge);
        }
        let dose = self.dose_now_mg_per_day(t_s);
        let old_mg = self.catheter.drug_mg();
        if dose <= 0.0 || old_mg <= 0.0 {
            return Err(PumpRefusal::NothingToBridge);
        }
        let days = old_mg / dose;
        let rate = (self.catheter.dead_volume_ml / days).min(MAX_RATE_ML_PER_DAY);
        self.bridge = Some(Bridge {
            left_ml: self.catheter.dead_volume_ml,
            rate_ml_per_day: rate,
        });
        Ok(format!(
            "bridge bolus: {:.3} mL at {rate:.3} mL/day over {:.1} h",
            self.catheter.dead_volume_ml,
            self.catheter.dead_volume_ml / rate * 24.0
        ))
    }

    /// Applies an event of the scene at `t_s`.
    pub fn world(&mut self, event: &PumpEvent, t_s: f64) -> Result<String, PumpRefusal> {
        let words = match event {
            PumpEvent::Occlusion(on) => {
                self.occluded = *on;
                format!("catheter {}", if *on { "occluded" } else { "clear" })
            }
            PumpEvent::MotorStall(on) => {
                self.stalled = *on;
                format!("motor {}", if *on { "stalled" } else { "turning" })
            }
            PumpEvent::Mri(true) => {
                self.mri_was_alarming = self.alarming();
                self.in_mri = true;
                "in the MRI magnet: rotor stopped".into()
            }
            PumpEvent::Mri(false) => {
                self.in_mri = false;
                self.held = std::mem::take(&mut self.mri_was_alarming);
                if self.held {
                    "out of the magnet: held until interrogated (it was alarming)".into()
                } else {
                    "out of the magnet: delivery resumes".into()
                }
            }
            PumpEvent::FlowFactor(f) => {
                if !f.is_finite() || !(0.5..=2.0).contains(f) {
                    return Err(value(
                        "flow_factor",
                        format!("flow factor {f} is outside 0.5–2"),
                    ));
                }
                self.flow_factor = *f;
                format!("flow {:+.1} % of programmed", (f - 1.0) * 100.0)
            }
            PumpEvent::NeedleMisses(n) => {
                self.needle_misses = (*n).min(10);
                format!("the next {} needle(s) miss the septum", self.needle_misses)
            }
            PumpEvent::Reservoir(ml) => {
                if !ml.is_finite() || *ml < 0.0 || *ml > self.capacity_ml {
                    return Err(value(
                        "reservoir_ml",
                        format!("reservoir {ml} mL is outside 0–{:.0} mL", self.capacity_ml),
                    ));
                }
                self.reservoir_ml = *ml;
                self.record_ml = *ml;
                format!("reservoir {ml} mL")
            }
            PumpEvent::TrueReservoir(ml) => {
                if !ml.is_finite() || *ml < 0.0 || *ml > self.capacity_ml {
                    return Err(value(
                        "reservoir_ml",
                        format!("reservoir {ml} mL is outside 0–{:.0} mL", self.capacity_ml),
                    ));
                }
                self.reservoir_ml = *ml;
                format!(
                    "reservoir truly {ml} mL (the record says {:.1} mL)",
                    self.record_ml
                )
            }
            PumpEvent::EriInDays(days) => {
                if !days.is_finite() || *days < 0.0 || *days > 7.0 * 365.0 {
                    return Err(value(
                        "eri_days",
                        format!("{days} days is outside 0–7 years"),
                    ));
                }
                self.eri_at_s = t_s + days * DAY_S;
                format!("elective replacement in {days} days")
            }
        };
        self.update_alarms(t_s);
        Ok(words)
    }

    fn refill_step(&mut self, step: &RefillStep, t_s: f64) -> Result<String, PumpRefusal> {
        if *step == RefillStep::Begin {
            if self.refill.is_some() {
                return Err(step_refused(
                    "A refill is already under way: finish it first",
                ));
            }
            if !self
                .interrogated_at_s
                .is_some_and(|t| t_s - t <= INTERROGATION_FRESH_S)
            {
                return Err(PumpRefusal::InterrogateFirst);
            }
            self.refill = Some(Refill::begin(t_s, self.record_ml));
            return Ok(format!(
                "refill begun: expected residual {:.1} mL",
                self.record_ml
            ));
        }
        let Some(mut refill) = self.refill.take() else {
            return Err(step_refused(
                "Begin the refill first (after interrogating the pump)",
            ));
        };
        let result = self.refill_on(&mut refill, step, t_s);
        if matches!(step, RefillStep::Finish { .. }) && result.is_ok() {
            self.last_refill = Some(refill);
        } else {
            self.refill = Some(refill);
        }
        result
    }

    fn refill_on(
        &mut self,
        r: &mut Refill,
        step: &RefillStep,
        t_s: f64,
    ) -> Result<String, PumpRefusal> {
        match step {
            RefillStep::Begin => Err(step_refused("A refill is already under way")),
            RefillStep::InsertNeedle { port, kit } => self.insert(r, *port, *kit),
            RefillStep::Aspirate => self.aspirate(r),
            RefillStep::FlagDiscrepancy => {
                r.flagged = true;
                Ok(match r.discrepancy_ml {
                    Some(d) => format!("discrepancy of {d:+.1} mL flagged"),
                    None => "discrepancy flagged (within the limit)".into(),
                })
            }
            RefillStep::Fill {
                drug,
                concentration_mg_per_ml: c,
                volume_ml: v,
            } => self.fill(r, *drug, *c, *v),
            RefillStep::RemoveNeedle => {
                if r.needle.take().is_none() {
                    return Err(step_refused("No needle is in"));
                }
                Ok("needle out".into())
            }
            RefillStep::Finish { volume_ml } => {
                if !volume_ml.is_finite() || *volume_ml < 0.0 || *volume_ml > self.capacity_ml {
                    return Err(value(
                        "volume_ml",
                        format!("{volume_ml} mL is outside 0–{:.0} mL", self.capacity_ml),
                    ));
                }
                r.needle = None;
                r.recorded_ml = Some(*volume_ml);
                self.record_ml = *volume_ml;
                self.update_alarms(t_s);
                Ok(format!("pump updated: reservoir {volume_ml:.1} mL"))
            }
        }
    }

    fn insert(&mut self, r: &mut Refill, port: Port, kit: Kit) -> Result<String, PumpRefusal> {
        if r.needle.is_some() {
            return Err(step_refused("A needle is already in: take it out first"));
        }
        let place = match (port, kit) {
            (Port::CatheterAccess, Kit::Refill) => return Err(PumpRefusal::CapScreen),
            (Port::CatheterAccess, Kit::CatheterAccess) => Place::CatheterAccess,
            (Port::Reservoir, _) if self.needle_misses > 0 => {
                self.needle_misses -= 1;
                Place::Pocket
            }
            (Port::Reservoir, _) => Place::Reservoir,
        };
        r.needle = Some(Needle {
            port,
            kit,
            place,
            aspirated: false,
        });
        Ok(match port {
            Port::Reservoir => {
                "needle into the reservoir septum (as far as the template tells)".into()
            }
            Port::CatheterAccess => "needle into the catheter access port".into(),
        })
    }

    fn aspirate(&mut self, r: &mut Refill) -> Result<String, PumpRefusal> {
        let Some(needle) = &mut r.needle else {
            return Err(step_refused("Insert a needle first"));
        };
        needle.aspirated = true;
        let place = needle.place;
        let returned = match place {
            Place::Reservoir => {
                let v = self.reservoir_ml;
                self.reservoir_ml = 0.0;
                self.contents = None;
                v
            }
            Place::Pocket => 0.0,
            Place::CatheterAccess => {
                let line: f64 = self.catheter.aspirate().iter().map(|p| p.ml).sum();
                return Ok(format!(
                    "aspirated {:.1} mL through the access port: the catheter's drug, then CSF",
                    line + CAP_CSF_ML
                ));
            }
        };
        let read = (returned * 10.0).round() / 10.0;
        r.returned_ml = Some(read);
        let diff = read - r.expected_ml;
        r.discrepancy_ml = (diff.abs() > self.discrepancy_limit_ml()).then_some(diff);
        let mut words = format!("aspirated {read:.1} mL (expected {:.1} mL)", r.expected_ml);
        if let Some(d) = r.discrepancy_ml {
            words.push_str(&format!(
                "; discrepancy {d:+.1} mL is over the {:.0} mL limit: {}",
                self.discrepancy_limit_ml(),
                if d < 0.0 {
                    "over-infusion, a leak or diversion?"
                } else {
                    "under-delivery: stall, occlusion or a catheter problem?"
                }
            ));
        }
        if read == 0.0 && r.expected_ml > 0.5 {
            words.push_str("; nothing came back: is the needle in the reservoir?");
        }
        Ok(words)
    }

    fn fill(&mut self, r: &mut Refill, drug: Drug, c: f64, v: f64) -> Result<String, PumpRefusal> {
        if !c.is_finite() || c <= 0.0 || c > 100.0 {
            return Err(value(
                "concentration_mg_per_ml",
                format!("concentration {c} mg/mL is outside 0–100 mg/mL"),
            ));
        }
        if !v.is_finite() || v <= 0.0 {
            return Err(value("volume_ml", format!("volume {v} mL is not above 0")));
        }
        let Some(needle) = r.needle else {
            return Err(step_refused("Insert a needle first"));
        };
        let fill = Fill {
            drug,
            concentration_mg_per_ml: c,
        };
        let mg = c * v;
        match needle.place {
            Place::Reservoir => {
                if self.reservoir_ml + v > self.capacity_ml + 1e-9 {
                    return Err(PumpRefusal::Overfill {
                        capacity_ml: self.capacity_ml,
                        asked_ml: self.reservoir_ml + v,
                    });
                }
                // What was left mixes in (the same drug dilutes or concentrates; a
                // different drug is not tracked: the new one counts, diluted).
                let conc = match self.contents {
                    Some(old) if old.drug == drug => {
                        (old.concentration_mg_per_ml * self.reservoir_ml + mg)
                            / (self.reservoir_ml + v)
                    }
                    _ => mg / (self.reservoir_ml + v),
                };
                self.reservoir_ml += v;
                self.contents = Some(Fill {
                    drug,
                    concentration_mg_per_ml: conc,
                });
                r.filled = Some((fill, v));
            }
            Place::Pocket => {
                self.pocket_mg[drug.index()] += mg;
                r.pocket_fill_mg += mg;
            }
            Place::CatheterAccess => {
                for plug in self.catheter.push(Some(fill), v) {
                    if let Some(f) = plug.fill {
                        self.direct_mg[f.drug.index()] += f.concentration_mg_per_ml * plug.ml;
                    }
                }
                r.cap_injection_mg += mg;
            }
        }
        Ok(format!("injected {v:.1} mL of {drug} {c} mg/mL"))
    }
}
