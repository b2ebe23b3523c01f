//! What `scs-sim eval` prints of any implant: its steady state as its own slice reports
//! it, as JSON (each kind's own fields, unchanged) or as text; and what `scs-sim simulate`
//! prints of it at each moment, a row of the time series in its own slice's shape.

use super::pump::report::{self as pump, PumpReport, PumpRow};
use super::stim::report::{self as stim, EvalReport, SeriesRow};
use serde::Serialize;

/// The steady state of one setting, in the shape of the implant's kind.
#[derive(Clone, Debug, Serialize)]
#[serde(untagged)]
pub enum Report {
    /// A spinal cord or peripheral nerve stimulator.
    Stimulator(Box<EvalReport>),
    /// An intrathecal drug pump.
    Pump(Box<PumpReport>),
}

impl Report {
    /// The report as `eval` prints it without `--json`.
    pub fn text(&self) -> String {
        match self {
            Report::Stimulator(r) => stim::eval_text(r),
            Report::Pump(r) => pump::eval_text(r),
        }
    }
}

/// One row of a simulated time series, in the shape of the implant's kind.
#[derive(Clone, Debug, Serialize, PartialEq)]
#[serde(untagged)]
pub enum Row {
    /// A spinal cord or peripheral nerve stimulator.
    Stimulator(SeriesRow),
    /// An intrathecal drug pump.
    Pump(Box<PumpRow>),
}
