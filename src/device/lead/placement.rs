//! Where a lead lies: a level of the spine and an offset from the midline (inside the
//! epidural space), or a site at a peripheral nerve (and how long a percutaneous lead may
//! stay in).

use super::model::LeadModel;
use crate::patient::spine::Vertebra;
use serde::{Deserialize, Serialize};

/// Where one lead lies: the level whose top the distal contact sits at, and its offset
/// from the midline (negative = left).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Placement {
    /// Vertebra at whose top contact 0 (the tip) sits.
    pub level: Vertebra,
    /// Lateral offset from the physiological midline in mm; negative is left.
    pub lateral_mm: f64,
}

/// Largest lateral offset accepted, in mm: beyond it the lead is out of the dorsal epidural space.
pub const MAX_LATERAL_MM: f64 = 8.0;

impl Placement {
    /// This placement moved `levels` vertebral levels (negative: up), within the spine.
    pub fn shifted(mut self, levels: i64) -> Placement {
        let moved = self.level.index() as i64 + levels;
        self.level = Vertebra::clamped(moved.max(0) as usize);
        self
    }

    /// Checks the lateral offset is finite and inside the epidural space.
    pub fn validate(&self) -> Result<(), LateralOutOfRange> {
        if !self.lateral_mm.is_finite() || self.lateral_mm.abs() > MAX_LATERAL_MM {
            return Err(LateralOutOfRange {
                lateral_mm: self.lateral_mm,
            });
        }
        Ok(())
    }
}

/// A lead placed off the dorsal epidural space (see [`MAX_LATERAL_MM`]).
#[derive(Clone, Copy, Debug, PartialEq, thiserror::Error)]
#[error("lateral offset {lateral_mm} mm is outside −{MAX_LATERAL_MM}…{MAX_LATERAL_MM} mm")]
pub struct LateralOutOfRange {
    /// The offset given, mm.
    pub lateral_mm: f64,
}

/// Longest a percutaneous lead may stay in, days (FDA 510(k) K170902).
pub const PERCUTANEOUS_MAX_DAYS: f64 = 60.0;

/// A lead placed at a peripheral nerve.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NerveLead {
    /// Which lead.
    #[serde(default)]
    pub model: LeadModel,
    /// Where it lies relative to the nerve.
    pub site: crate::patient::nerve::NerveSite,
    /// Deployed (the barbs hold it); before that a percutaneous lead is still in its
    /// introducer needle and the clinician may move it under ultrasound.
    #[serde(default = "yes")]
    pub deployed: bool,
}

fn yes() -> bool {
    true
}
