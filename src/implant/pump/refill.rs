//! A refill in progress: the expected residual from the pump's record, the needle and where
//! it truly lies (the simulator decides: a needle may miss the septum and lie in the
//! pocket), what came back, the discrepancy and what was filled.

use super::fill::Fill;
use crate::device::safety::{Warning, WarningCode};
use serde::{Deserialize, Serialize};

/// Which port a needle goes into.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Port {
    /// The reservoir's central septum.
    Reservoir,
    /// The catheter access port (CAP): straight to the catheter and the CSF.
    CatheterAccess,
}

/// Which kit's needle.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kit {
    /// The refill kit (22 G non-coring needle, template for the reservoir septum).
    Refill,
    /// The catheter access kit (24 G needle that passes the CAP's screen).
    CatheterAccess,
}

/// Where a needle's tip truly lies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// In the reservoir.
    Reservoir,
    /// In the tissue pocket around the pump (missed the septum).
    Pocket,
    /// In the catheter access port.
    CatheterAccess,
}

/// A needle in the patient.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Needle {
    /// The port aimed at.
    pub port: Port,
    /// The kit.
    pub kit: Kit,
    /// Where it truly lies.
    pub place: Place,
    /// Aspirated through it already.
    pub aspirated: bool,
}

/// One refill, from its beginning to the pump's update.
#[derive(Clone, Debug, PartialEq)]
pub struct Refill {
    /// When it began, session seconds.
    pub began_s: f64,
    /// The expected residual from the pump's record, mL.
    pub expected_ml: f64,
    /// The needle in, if any.
    pub needle: Option<Needle>,
    /// What the last aspiration returned, mL (as read on the syringe, 0.1 mL).
    pub returned_ml: Option<f64>,
    /// Returned − expected, mL, when it exceeds the pump's limit (1 mL for 20 mL, 2 mL for
    /// 40 mL).
    pub discrepancy_ml: Option<f64>,
    /// The clinician flagged the discrepancy.
    pub flagged: bool,
    /// What was filled into the reservoir (drug and volume), if anything.
    pub filled: Option<(Fill, f64)>,
    /// Drug put into the pocket, mg (a pocket fill).
    pub pocket_fill_mg: f64,
    /// Drug injected through the catheter access port, mg.
    pub cap_injection_mg: f64,
    /// The volume the pump was updated to, when finished, mL.
    pub recorded_ml: Option<f64>,
}

impl Refill {
    /// A refill beginning at `t_s` with `expected_ml` in the pump's record.
    pub fn begin(t_s: f64, expected_ml: f64) -> Refill {
        Refill {
            began_s: t_s,
            expected_ml,
            needle: None,
            returned_ml: None,
            discrepancy_ml: None,
            flagged: false,
            filled: None,
            pocket_fill_mg: 0.0,
            cap_injection_mg: 0.0,
            recorded_ml: None,
        }
    }
}

impl Refill {
    /// The alert a refill that put drug outside the reservoir raises, if it did.
    pub fn misplaced(&self) -> Option<Warning> {
        let words = if self.pocket_fill_mg > 0.0 {
            format!(
                "{:.1} mg went into the pocket, not the reservoir: watch for an overdose (drowsiness, slow breathing) over the next hours",
                self.pocket_fill_mg
            )
        } else if self.cap_injection_mg > 0.0 {
            format!(
                "{:.1} mg went straight into the catheter through its access port: watch for an overdose",
                self.cap_injection_mg
            )
        } else {
            return None;
        };
        Some(Warning::new(WarningCode::MisplacedInjection, words))
    }
}
