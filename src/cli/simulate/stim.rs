//! `simulate` for a stimulator: a row of the current, pain, relief and paresthesia each
//! interval; `--stop-at` switches the therapy off (a refusal ends the run with an error);
//! the summary tells pain before and after, peak relief and when half of it came.

use super::series::{Happening, Series};
use crate::cli::args::Simulate;
use crate::cli::out::{Format, Out, WriteFailed};
use anyhow::{Result, anyhow};
use scs_sim::files::shorten;
use scs_sim::implant::report::Row;
use scs_sim::implant::stim::report::SeriesRow;
use scs_sim::session::{RemoteKey, Session};
use serde::Serialize;
use std::fmt::Write;

/// What a simulation came to.
#[derive(Serialize, Debug)]
struct Summary {
    /// Patient id.
    patient: String,
    /// Program name.
    program: String,
    /// Simulated seconds.
    seconds: f64,
    /// Seed used.
    seed: u64,
    /// When stimulation was switched off, s.
    stop_at_s: Option<f64>,
    /// Pain at the start, VAS.
    start_vas: f64,
    /// Pain at the end, VAS.
    end_vas: f64,
    /// Highest relief reached, %.
    peak_relief_percent: f64,
    /// First time relief reached half its peak, s.
    half_relief_at_s: Option<f64>,
    /// Perception threshold, mA (none in an exercise: finding it is the trainee's task).
    perception_threshold_ma: Option<f64>,
    /// Discomfort threshold, mA (none in an exercise).
    discomfort_threshold_ma: Option<f64>,
    /// Implant battery at the end, %.
    battery_end_percent: f64,
}

impl Summary {
    /// Summarises a finished run from what `tally` saw of its series.
    fn of(s: &Session, tally: &Tally, stop_at: Option<f64>) -> Summary {
        // An exercise's thresholds are its hidden truth: the debrief shows them after it.
        let truth = s.exercise.is_none();
        Summary {
            patient: s.patient.id.clone(),
            program: s
                .device()
                .map_or(String::new(), |d| d.program().name.clone()),
            seconds: s.t_s,
            seed: s.seed,
            stop_at_s: stop_at,
            start_vas: tally.start_vas.unwrap_or(0.0),
            end_vas: tally.end_vas,
            peak_relief_percent: tally.peak,
            half_relief_at_s: tally.half_relief_at(),
            perception_threshold_ma: s.perception_threshold().filter(|_| truth),
            discomfort_threshold_ma: s.discomfort_threshold().filter(|_| truth),
            battery_end_percent: s
                .device()
                .map_or(0.0, |d| (d.battery.percent() * 10.0).round() / 10.0),
        }
    }
}

/// What the summary needs of a series, gathered row by row so the series is never kept.
#[derive(Debug, Default)]
struct Tally {
    start_vas: Option<f64>,
    end_vas: f64,
    peak: f64,
    /// (t, relief) of every row that beat all before it: at most one per 0.1 % of relief.
    records: Vec<(f64, f64)>,
}

impl Tally {
    /// Takes one row into account.
    fn add(&mut self, r: &SeriesRow) {
        self.start_vas.get_or_insert(r.pain_vas);
        self.end_vas = r.pain_vas;
        if r.relief_percent > self.peak {
            self.peak = r.relief_percent;
            self.records.push((r.t_s, r.relief_percent));
        }
    }

    /// The first time relief reached half its peak: the first row at or above half the
    /// peak is always a record.
    fn half_relief_at(&self) -> Option<f64> {
        let half = 0.5 * self.peak;
        self.records
            .iter()
            .find(|(_, r)| self.peak > 0.0 && *r >= half)
            .map(|(t, _)| *t)
    }
}

/// A stimulator's series, written row by row as it is simulated: memory stays small
/// however long the run (text keeps about twenty rows, printed after the summary).
pub struct StimSeries {
    format: Format,
    rows_written: u64,
    /// Text prints every `every`-th row (and the last) of `total`, after the summary.
    every: u64,
    total: u64,
    kept: Vec<SeriesRow>,
    tally: Tally,
    stop_at: Option<f64>,
    /// Closed loop: the rows carry the ECAP and whether it is in the window.
    closed_loop: bool,
}

/// The CSV header.
const CSV_HEADER: &str =
    "t_s,stimulation_on,amplitude_ma,pain_vas,relief_percent,paresthesia_intensity";

impl StimSeries {
    /// The series of `a` in `format` for the stimulator of `s` (`total` rows); a pump's
    /// happenings are refused with a sentence.
    pub fn new(a: &Simulate, s: &Session, format: Format, total: u64) -> Result<StimSeries> {
        let flag = if !a.bolus_at.is_empty() {
            Some("--bolus-at")
        } else if a.occlusion_at.is_some() {
            Some("--occlusion-at")
        } else {
            None
        };
        if let Some(flag) = flag {
            return Err(anyhow!(
                "{flag} refused: patient '{}' has a stimulator, not a drug pump; there is no bolus or catheter",
                shorten(&s.patient.id)
            ));
        }
        Ok(StimSeries {
            format,
            rows_written: 0,
            every: (total / 20).max(1),
            total,
            kept: Vec::new(),
            tally: Tally::default(),
            stop_at: a.stop_at,
            closed_loop: a.closed_loop,
        })
    }
}

impl Series for StimSeries {
    type Row = SeriesRow;

    fn own(row: Row) -> Option<SeriesRow> {
        match row {
            Row::Stimulator(r) => Some(r),
            Row::Pump(_) => None,
        }
    }

    /// A stop at a row's time acts after that row is written.
    fn before(t: f64, t_row: f64) -> bool {
        t < t_row
    }

    /// `--stop-at` switches therapy off; `--events` set off the patient's coughs and
    /// postures (the pump's flags are refused by [`StimSeries::new`]); a refusal ends the
    /// run.
    fn happen(&mut self, s: &mut Session, _t: f64, what: Happening) -> Result<()> {
        match what {
            Happening::Patient(p) => s.apply(p.event())?,
            _ => s.apply(RemoteKey::TherapyOff)?,
        };
        Ok(())
    }

    fn begin(&self, out: &mut Out) -> Result<(), WriteFailed> {
        match self.format {
            Format::Csv if self.closed_loop => {
                out.line(format_args!("{CSV_HEADER},ecap_uv,in_window"))
            }
            Format::Csv => out.line(CSV_HEADER),
            Format::Json => out.text("{\n  \"series\": ["),
            Format::Text => Ok(()),
        }
    }

    fn row(&mut self, r: &SeriesRow, out: &mut Out) -> Result<(), WriteFailed> {
        self.tally.add(r);
        let i = self.rows_written;
        self.rows_written += 1;
        match self.format {
            Format::Csv => out.line(format_args!(
                "{},{},{},{},{},{}{}",
                r.t_s,
                r.stimulation_on,
                r.amplitude_ma,
                r.pain_vas,
                r.relief_percent,
                r.paresthesia_intensity,
                loop_columns(r, self.closed_loop)
            )),
            Format::Json => {
                let row = serde_json::to_string(r).unwrap_or_default();
                out.text(if i == 0 { "\n    " } else { ",\n    " })?;
                out.text(&row)
            }
            Format::Text => {
                if i.is_multiple_of(self.every) || i + 1 == self.total {
                    self.kept.push(r.clone());
                }
                Ok(())
            }
        }
    }

    fn end(self, s: &Session, out: &mut Out) -> Result<(), WriteFailed> {
        let summary = Summary::of(s, &self.tally, self.stop_at);
        match self.format {
            Format::Csv => Ok(()),
            Format::Json => {
                let pretty = serde_json::to_string_pretty(&summary).unwrap_or_default();
                out.text("\n  ],\n  \"summary\": ")?;
                out.text(&pretty.replace('\n', "\n  "))?;
                out.text("\n}\n")
            }
            Format::Text => out.text(&simulate_text(&summary, &self.kept)),
        }
    }
}

/// The closed loop's CSV columns of a row (`,ecap_uv,in_window`; empty cells when the
/// loop is not running at that row), or nothing in open loop.
fn loop_columns(r: &SeriesRow, closed_loop: bool) -> String {
    if !closed_loop {
        return String::new();
    }
    let cell = |v: Option<String>| v.unwrap_or_default();
    format!(
        ",{},{}",
        cell(r.ecap_uv.map(|v| v.to_string())),
        cell(r.in_window.map(|v| v.to_string()))
    )
}

/// The summary and the rows kept for text.
fn simulate_text(s: &Summary, rows: &[SeriesRow]) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Patient {} · program '{}' · {} s simulated (seed {})",
        s.patient, s.program, s.seconds, s.seed
    );
    let _ = writeln!(
        o,
        "Pain VAS {:.1} → {:.1}; peak relief {:.0}%{}",
        s.start_vas,
        s.end_vas,
        s.peak_relief_percent,
        s.half_relief_at_s
            .map_or(String::new(), |t| format!(", half of it by {t:.0} s"))
    );
    let _ = writeln!(
        o,
        "\n{:>9}  {:>4}  {:>6}  {:>5}  {:>7}  {:>11}",
        "t (s)", "stim", "mA", "VAS", "relief", "paresthesia"
    );
    for r in rows {
        let _ = writeln!(
            o,
            "{:>9.0}  {:>4}  {:>6.1}  {:>5.1}  {:>6.0}%  {:>11.2}",
            r.t_s,
            if r.stimulation_on { "on" } else { "off" },
            r.amplitude_ma,
            r.pain_vas,
            r.relief_percent,
            r.paresthesia_intensity
        );
    }
    o
}
