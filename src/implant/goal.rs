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
    /// 10 kHz therapy with no tingling and at least this much relief, and (when given) an
    /// amplitude at most this share above the least that gives that relief on the final
    /// program: the charge the patient recharges for.
    ParesthesiaFree {
        /// Relief, %.
        min_relief_percent: f64,
        /// How far above the least amplitude that gives the relief the final amplitude may
        /// be, % (`None`: any amplitude).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max_above_needed_percent: Option<f64>,
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
    /// Burst stimulation (De Ridder: 5 pulses of 1 ms at 500 Hz, bursts at 40 Hz) within
    /// [`BURST_RANGE`], at [`BURST_BAND`] of its perception threshold, with at least this
    /// much relief.
    Burst {
        /// Relief, %.
        min_relief_percent: f64,
    },
    /// Therapy back on after the battery ran flat, with a program a full charge keeps
    /// running for at least `min_days` and at least `min_relief_percent` relief.
    BatteryLife {
        /// Days a full charge must last at the final settings.
        min_days: f64,
        /// Relief, %.
        min_relief_percent: f64,
    },
    /// An MRI day: an impedance check in range before the scan, MRI mode on through it
    /// but on no more than `max_off_minutes` before it, and therapy back on within
    /// `max_off_minutes` after it.
    MriDay {
        /// Longest time without therapy on either side of the scan, minutes.
        max_off_minutes: f64,
    },
    /// Closed-loop spinal cord stimulation: the program in closed loop, its target ECAP
    /// within `target_percent` of the ECAP at the middle of the patient's window (halfway
    /// between the perception and discomfort thresholds in current), and a loop that, through
    /// the check's postures, coughs and bend ([`super::stim::loop_check`]), keeps the ECAP
    /// inside the window at least `min_in_window` of the time and never jolts over it.
    ClosedLoop {
        /// Tolerance on the target, %.
        target_percent: f64,
        /// Share of the check the ECAP must spend inside the window (0..1).
        min_in_window: f64,
    },
    /// A drug pump's task (refill, concentration change, titration, withdrawal).
    Pump(super::pump::goal::PumpGoal),
}

impl Goal {
    /// Whether reaching this goal requires what a warning flags (finding the discomfort
    /// threshold requires reaching discomfort, and a closed loop's window needs it): such a
    /// warning costs no points.
    pub fn requires(&self, code: WarningCode) -> bool {
        matches!(
            self,
            Goal::Thresholds { .. } | Goal::NerveThresholds { .. } | Goal::ClosedLoop { .. }
        ) && code == WarningCode::Discomfort
    }
}

/// What a burst program must keep to count as burst therapy: (pulses per burst,
/// intra-burst rate Hz, pulse width µs, burst repetition rate Hz), each an inclusive range
/// around De Ridder's 5 × 1 ms at 500 Hz, 40 Hz.
pub const BURST_RANGE: [(f64, f64); 4] =
    [(4.0, 6.0), (400.0, 600.0), (800.0, 1000.0), (30.0, 50.0)];

/// Where a burst program's amplitude belongs, as a share of burst's own perception
/// threshold: below perception, not so far below that it does nothing (the sub-perception
/// amplitude burst programming guides settle on).
pub const BURST_BAND: (f64, f64) = (0.6, 0.8);

/// Whether a goal is met, how much of it, and what was measured, in words.
#[derive(Clone, Debug, PartialEq)]
pub struct Verdict {
    /// The goal is met.
    pub met: bool,
    /// How much of the goal is met (0..1; 1 when met): the grade's other criteria count
    /// only in proportion to it.
    pub progress: f64,
    /// What was measured, in words.
    pub detail: String,
}

impl Verdict {
    /// A goal met when `met`, `progress` of the way there otherwise.
    pub fn new(met: bool, progress: f64, detail: String) -> Verdict {
        Verdict {
            met,
            progress: if met { 1.0 } else { progress.clamp(0.0, 1.0) },
            detail,
        }
    }

    /// A goal made of `checks`, each a part: met when all are, progress the share met.
    pub fn of_checks(checks: &[bool], detail: String) -> Verdict {
        let done = checks.iter().filter(|c| **c).count();
        Verdict::new(
            done == checks.len(),
            done as f64 / checks.len().max(1) as f64,
            detail,
        )
    }

    /// A goal that cannot be met here (nothing of it done), and why.
    pub fn impossible(why: &str) -> Verdict {
        Verdict::new(false, 0.0, why.to_string())
    }
}

/// A measure's share of its target (0..1; 0 for a target of 0 or less).
pub fn share(measured: f64, target: f64) -> f64 {
    if target > 0.0 {
        (measured / target).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

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
