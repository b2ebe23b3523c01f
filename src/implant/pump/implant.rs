//! A pump in a patient: the pump and the body's drug levels, and what it does for the
//! session that hosts it.

use super::device::Pump;
use crate::patient::Patient;
use crate::patient::pharmacology::{Effects, Pharmacology};

/// A pump in a patient: the pump and its catheter, and the body's drug levels.
#[derive(Clone, Debug, PartialEq)]
pub struct PumpImplant {
    /// The pump and its catheter.
    pub pump: Pump,
    /// Drug levels and their effects.
    pub body: Pharmacology,
}

impl PumpImplant {
    /// A pump implanted with these drug levels; its alarms are read at once.
    pub fn new(pump: Pump, body: Pharmacology) -> PumpImplant {
        let mut p = PumpImplant { pump, body };
        p.pump.update_alarms(0.0);
        p
    }

    /// Effects now.
    pub fn effects(&self, patient: &Patient) -> Effects {
        self.body.effects(patient)
    }

    /// The steady state of the present prescription: a copy settled on the programmed
    /// dose of the programmed drug, as if it had run for weeks at exact flow.
    pub fn steady(&self) -> PumpImplant {
        let mut s = self.clone();
        let drug = s.pump.programmed.drug;
        let dose = s.pump.mean_daily_dose_mg();
        s.body.drugs = Default::default();
        if dose > 0.0 {
            s.body.settle(drug, dose);
        }
        s
    }
}
