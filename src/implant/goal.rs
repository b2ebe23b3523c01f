//! What an exercise asks of the implant, and what the implant shows of a session's end to
//! judge it: each kind judges the goals it knows ([`super::Therapy::judge`]); a goal for
//! another kind is not met, and says why.

use super::refusal::Refusal;
use super::view::View;
use crate::device::safety::WarningCode;
use crate::patient::Patient;
use serde::{Deserialize, Serialize};

/// What the trainee must achieve, judged on the session's final steady state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Goal {
    /// Paresthesia covers at least this share of the pain map, below discomfort.
    Coverage {
        /// Share 0..1.
        min_coverage: f64,
    },
    /// Perception and discomfort thresholds marked within this many percent of the truth.
    Thresholds {
        /// Tolerance, %.
        within_percent: f64,
    },
    /// Steady relief of at least this much, below discomfort.
    Relief {
        /// Relief, %.
        min_percent: f64,
    },
    /// The patient window keeps the remote under the charge-density limit while still
    /// reaching the programmed amplitude.
    SafeWindow,
    /// 10 kHz therapy with no tingling and at least this much relief.
    ParesthesiaFree {
        /// Relief, %.
        min_relief_percent: f64,
    },
    /// Peripheral nerve stimulation: every lead deployed, and clearly felt paresthesia
    /// ([`super::stim::judge::clear_coverage`]) over at least this share of the pain map, without
    /// discomfort and without a twitch.
    Placement {
        /// Share 0..1.
        min_coverage: f64,
    },
    /// Peripheral nerve stimulation on a mixed nerve: perception and motor thresholds
    /// marked within this many percent of the truth (the window lies between them).
    NerveThresholds {
        /// Tolerance, %.
        within_percent: f64,
    },
    /// A drug pump's task (refill, concentration change, titration, withdrawal).
    Pump(super::pump::goal::PumpGoal),
}

impl Goal {
    /// Whether reaching this goal requires what a warning flags (finding the discomfort
    /// threshold requires reaching discomfort): such a warning costs no points.
    pub fn requires(&self, code: WarningCode) -> bool {
        matches!(self, Goal::Thresholds { .. } | Goal::NerveThresholds { .. })
            && code == WarningCode::Discomfort
    }
}

/// Whether a goal is met, and what was measured, in words.
pub type Judged = (bool, String);

/// A session's end as a goal sees it: the body, the steady view of the final settings, and
/// the refusals met on the way (a dose rule broken counts even when it was refused).
pub struct Ending<'a> {
    /// The person.
    pub patient: &'a Patient,
    /// What the final settings show once steady.
    pub view: &'a View,
    /// Every refusal of the session, in order.
    pub refused: Vec<&'a Refusal>,
}

/// What a stimulator's goal says of an implant that is not a stimulator.
pub const NO_STIMULATOR: &str = "this session has no stimulator";

/// What a drug pump's goal says of an implant that is not a drug pump.
pub const NO_PUMP: &str = "this session has no drug pump";
