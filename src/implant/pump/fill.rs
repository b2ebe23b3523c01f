//! What the reservoir or a plug of the catheter holds: a drug at a concentration.

use super::refusal::PumpRefusal;
use crate::patient::pharmacology::Drug;
use serde::{Deserialize, Serialize};

/// Highest concentration the programmer accepts, mg/mL.
pub const MAX_CONCENTRATION_MG_PER_ML: f64 = 100.0;

/// A drug at a concentration.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fill {
    /// The drug.
    pub drug: Drug,
    /// Its concentration, mg/mL.
    pub concentration_mg_per_ml: f64,
}

/// A concentration the pump's screens accept, mg/mL (above 0, at most 100), or the refusal
/// that names it: one rule for the programmer, a refill's fill and a new order.
pub fn check_concentration(c: f64) -> Result<(), PumpRefusal> {
    if c.is_finite() && c > 0.0 && c <= MAX_CONCENTRATION_MG_PER_ML {
        return Ok(());
    }
    Err(PumpRefusal::value(
        "concentration_mg_per_ml",
        format!("concentration {c} mg/mL is outside 0–100 mg/mL"),
    ))
}
