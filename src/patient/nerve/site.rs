//! Where a lead lies relative to a nerve (as ultrasound shows it), and the limits of the
//! body it must stay within.

use super::catalogue::Nerve;
use crate::patient::anatomy::Side;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Largest distance from a nerve accepted for a lead, mm.
pub const MAX_DISTANCE_MM: f64 = 40.0;
/// Largest depth under the skin accepted, mm.
pub const MAX_DEPTH_MM: f64 = 120.0;
/// Largest position along a nerve accepted, mm.
pub const MAX_ALONG_MM: f64 = 400.0;

/// Where a lead lies relative to a nerve (as ultrasound shows it).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NerveSite {
    /// The nerve.
    pub nerve: Nerve,
    /// The body side of the nerve.
    pub side: Side,
    /// Position along the nerve from its landmark (`along_from` of [`Nerve::info`]), mm.
    #[serde(default)]
    pub along_mm: f64,
    /// Distance from the lead's nearest contact to the nerve's surface, mm; negative
    /// inside the nerve's sheath (down to its radius).
    pub distance_mm: f64,
    /// Depth of the lead under the skin, mm.
    pub depth_mm: f64,
    /// For a lead of several contacts laid across the nerve: where the nerve passes under
    /// the lead, mm from its tip (contact 0's centre is at 1.5 mm). Ignored for a
    /// single-contact lead.
    #[serde(default)]
    pub crossing_mm: f64,
}

impl NerveSite {
    /// Checks every number is finite and inside the body.
    pub fn validate(&self) -> Result<(), SiteError> {
        let r = self.nerve.info().radius_mm;
        let d = self.distance_mm;
        if !d.is_finite() || d < -r || d > MAX_DISTANCE_MM {
            return Err(SiteError::Distance {
                nerve: self.nerve,
                distance_mm: d,
                radius_mm: r,
            });
        }
        let checks = [
            ("depth", self.depth_mm, 0.0, MAX_DEPTH_MM),
            ("position along the nerve", self.along_mm, 0.0, MAX_ALONG_MM),
            ("crossing", self.crossing_mm, 0.0, 60.0),
        ];
        for (what, mm, lo, hi) in checks {
            if !mm.is_finite() || mm < lo || mm > hi {
                return Err(SiteError::OutOfRange { what, mm, lo, hi });
            }
        }
        Ok(())
    }

    /// The lead sits inside the nerve's sheath (intraneural: thresholds fall, and the
    /// nerve may be injured).
    pub fn intraneural(&self) -> bool {
        self.distance_mm < 0.0
    }
}

/// Why a lead cannot lie where a [`NerveSite`] says.
#[derive(Clone, Copy, Debug, PartialEq, thiserror::Error)]
pub enum SiteError {
    /// Too far from the nerve, or deeper inside it than its radius.
    #[error(
        "distance from the {nerve} {distance_mm} mm is outside −{radius_mm}…{MAX_DISTANCE_MM} mm (negative: inside the nerve, at most its radius)"
    )]
    Distance {
        /// The nerve.
        nerve: Nerve,
        /// The distance given, mm.
        distance_mm: f64,
        /// The nerve's radius, mm.
        radius_mm: f64,
    },
    /// Depth, position along the nerve or crossing outside the body.
    #[error("{what} {mm} mm is outside {lo}–{hi} mm")]
    OutOfRange {
        /// The number, in words (`depth`, `crossing`, …).
        what: &'static str,
        /// The value given, mm.
        mm: f64,
        /// Smallest accepted, mm.
        lo: f64,
        /// Largest accepted, mm.
        hi: f64,
    },
}

impl fmt::Display for NerveSite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} at {:.1} mm, {:.0} mm deep",
            self.side.name(),
            self.nerve,
            self.distance_mm,
            self.depth_mm
        )
    }
}
