//! What the reservoir or a plug of the catheter holds: a drug at a concentration.

use crate::patient::pharmacology::Drug;
use serde::{Deserialize, Serialize};

/// A drug at a concentration.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fill {
    /// The drug.
    pub drug: Drug,
    /// Its concentration, mg/mL.
    pub concentration_mg_per_ml: f64,
}
