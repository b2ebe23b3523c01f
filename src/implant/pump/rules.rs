//! The programmer's tasks on the pump: interrogate, the dose and its rules (rate limits,
//! ziconotide's titration), the mode and the patient's bolus limits. The patient's bolus,
//! the refill's steps and the scene's events live beside it (`bolus.rs`,
//! `refill_steps.rs`, `scene.rs`). Each returns the change in words or a refusal.

use super::command::PumpEdit;
use super::device::{DAY_S, MAX_RATE_ML_PER_DAY, Mode, Pump};
use super::fill::Fill;
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
    /// Checks a daily dose against the pump's rate limits and the drug's rules.
    pub fn check_dose(&self, daily_dose_mg: f64, t_s: f64) -> Result<f64, PumpRefusal> {
        if !daily_dose_mg.is_finite() || daily_dose_mg <= 0.0 {
            return Err(PumpRefusal::Value {
                field: "daily_dose_mg".into(),
                message: format!("daily dose {daily_dose_mg} mg is not a dose above 0"),
            });
        }
        self.check_rate(daily_dose_mg)?;
        if self.programmed.drug == Drug::Ziconotide {
            ziconotide(self, daily_dose_mg, t_s)?;
        }
        Ok(self.rate_for(daily_dose_mg))
    }

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
            } => self.set_drug(*drug, *c),
            PumpEdit::SetDailyDose(mg) => self.set_daily_dose(*mg, t_s),
            PumpEdit::SetMode(mode) => self.set_mode(mode),
            PumpEdit::SetBolus(limits) => self.set_bolus(*limits, opioid_naive),
            PumpEdit::SetLowReservoirAlarm(ml) => {
                if !ml.is_finite() || *ml < 0.5 || *ml > self.capacity_ml / 2.0 {
                    return Err(PumpRefusal::value(
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
                self.check_bolus_dose(*mg)?;
                self.deliverable(t_s)?;
                self.pending_bolus_ml += mg / self.programmed.concentration_mg_per_ml;
                self.mri_bolus(t_s, *mg);
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

    /// The drug and concentration the programmer is told the reservoir holds; the rate
    /// follows the dose (refused when that rate is beyond the pump).
    fn set_drug(&mut self, drug: Drug, c: f64) -> Result<String, PumpRefusal> {
        super::fill::check_concentration(c)?;
        let before = self.programmed;
        if drug == Drug::Ziconotide && before.drug != drug {
            self.new_to_ziconotide()?;
        }
        self.programmed = Fill {
            drug,
            concentration_mg_per_ml: c,
        };
        if self.mode != Mode::Stopped
            && let Err(e) = self.check_rate(self.daily_dose_mg)
        {
            self.programmed = before;
            return Err(e);
        }
        if before.drug != drug {
            self.dose_changes.clear();
        }
        Ok(format!(
            "drug {drug} {c} mg/mL; rate {:.4} mL/day",
            self.rate_for(self.daily_dose_mg)
        ))
    }

    /// The start rule for anyone new to ziconotide, whatever the pump held before: a
    /// running pump would keep its old daily dose, which may be no ziconotide start.
    fn new_to_ziconotide(&self) -> Result<(), PumpRefusal> {
        if self.mode == Mode::Stopped || self.daily_dose_mg <= ZICONOTIDE_START_MG + 1e-12 {
            return Ok(());
        }
        Err(PumpRefusal::Ziconotide(format!(
            "Ziconotide starts at 2.4 µg/day or less for anyone new to it: the pump would keep {:.1} µg/day of the {} dose; stop the pump, program ziconotide, then start it at 2.4 µg/day or less",
            self.daily_dose_mg * 1000.0,
            self.programmed.drug
        )))
    }

    /// A new daily dose (a stopped pump starts in simple continuous mode).
    fn set_daily_dose(&mut self, mg: f64, t_s: f64) -> Result<String, PumpRefusal> {
        let rate = self.check_dose(mg, t_s)?;
        let before = if self.mode == Mode::Stopped {
            0.0
        } else {
            self.daily_dose_mg
        };
        self.daily_dose_mg = mg;
        self.dose_changes.push((t_s, before, mg));
        if self.mode == Mode::Stopped {
            self.mode = Mode::SimpleContinuous;
        }
        Ok(format!("daily dose {mg} mg; rate {rate:.4} mL/day"))
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

    pub(super) fn deliverable(&self, t_s: f64) -> Result<(), PumpRefusal> {
        match self.not_delivering(t_s) {
            Some(why) if why != "stopped" => Err(PumpRefusal::NotDelivering(why.into())),
            _ => Ok(()),
        }
    }

    pub(super) fn interrogate(&mut self, t_s: f64) -> String {
        self.interrogated_at_s = Some(t_s);
        let resumed = std::mem::take(&mut self.held);
        self.update_alarms(t_s);
        let used = self.bolus_times_s.len();
        let denied = std::mem::take(&mut self.denied_boluses);
        let mri = self.mri_checked(t_s, resumed);
        format!(
            "interrogated: reservoir {:.1} mL by the record, {} alarm(s), {used} bolus(es) in 24 h, {denied} refused{}{mri}",
            self.record_ml,
            self.alarms.len(),
            if resumed { "; delivery resumed" } else { "" }
        )
    }

    pub(super) fn set_mode(&mut self, mode: &Mode) -> Result<String, PumpRefusal> {
        if let Mode::Flex(steps) = mode {
            if steps.is_empty() || steps.len() > 12 {
                return Err(PumpRefusal::value(
                    "mode",
                    "a flex schedule has 1 to 12 steps".into(),
                ));
            }
            for s in steps {
                if !s.start_h.is_finite() || !(0.0..24.0).contains(&s.start_h) {
                    return Err(PumpRefusal::value(
                        "mode",
                        format!("a flex step starts at {} h, outside 0–24 h", s.start_h),
                    ));
                }
                if !s.daily_dose_mg.is_finite() || s.daily_dose_mg <= 0.0 {
                    return Err(PumpRefusal::value(
                        "mode",
                        "each flex step needs a dose above 0".into(),
                    ));
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

    /// A bolus dose is a number above 0 and no more than a full reservoir of the
    /// programmed drug holds (a probe's 1e308 mg was accepted and emptied the pump).
    fn check_bolus_dose(&self, mg: f64) -> Result<(), PumpRefusal> {
        if !mg.is_finite() || mg <= 0.0 {
            return Err(PumpRefusal::value(
                "bolus_mg",
                format!("bolus {mg} mg is not above 0"),
            ));
        }
        let full_mg = self.capacity_ml * self.programmed.concentration_mg_per_ml;
        if mg > full_mg {
            return Err(PumpRefusal::value(
                "bolus_mg",
                format!("bolus {mg} mg is more than a full reservoir holds ({full_mg} mg)"),
            ));
        }
        Ok(())
    }

    pub(super) fn set_bolus(
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
        self.check_bolus_dose(l.dose_mg)?;
        if !l.lockout_h.is_finite() || !(0.25..=24.0).contains(&l.lockout_h) {
            return Err(PumpRefusal::value(
                "lockout_h",
                format!("lockout {} h is outside 0.25–24 h", l.lockout_h),
            ));
        }
        if !(1..=24).contains(&l.max_per_day) {
            return Err(PumpRefusal::value(
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
}
