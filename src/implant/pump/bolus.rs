//! The patient's bolus button, and the bridge bolus that pushes a new drug through the
//! catheter's dead volume.

use super::device::{Bridge, DAY_S, MAX_RATE_ML_PER_DAY, Pump};
use super::refusal::PumpRefusal;
use super::rules::NO_PATIENT_BOLUS;

impl Pump {
    /// The patient's bolus button at `t_s`.
    pub fn patient_bolus(&mut self, t_s: f64) -> Result<String, PumpRefusal> {
        let result = self.try_patient_bolus(t_s);
        if result.is_err() {
            self.denied_boluses += 1;
        }
        result
    }

    pub(super) fn try_patient_bolus(&mut self, t_s: f64) -> Result<String, PumpRefusal> {
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

    pub(super) fn bridge_bolus(&mut self, t_s: f64) -> Result<String, PumpRefusal> {
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
}
