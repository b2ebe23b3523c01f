//! `simulate` for a drug pump: a row of the reservoir, drug levels, pain and vital signs
//! each interval; `--bolus-at`, `--occlusion-at` and `--stop-at` act at or before the row
//! of their time, and a refused one is listed in the summary, not an error.

use super::series::{Happening, Series, row_now};
use crate::cli::args::Simulate;
use crate::cli::out::{Format, Out, WriteFailed};
use anyhow::{Result, anyhow};
use scs_sim::implant::pump::report::PumpRow;
use scs_sim::implant::pump::{Mode, PumpEdit, PumpEvent, PumpImplant, PumpKey};
use scs_sim::implant::report::Row;
use scs_sim::session::{Command, ProgrammerEdit, RemoteKey, Role, Session, WorldEvent};
use serde::Serialize;

/// A refused bolus or event in the run.
#[derive(Serialize)]
struct Refused {
    t_s: f64,
    what: String,
    message: String,
}

/// The run's summary.
#[derive(Serialize)]
struct PumpSummary {
    patient: String,
    implant: &'static str,
    seconds: f64,
    boluses_given: usize,
    refused: Vec<Refused>,
    delivered_mg: f64,
    reservoir_ml: f64,
    true_reservoir_ml: f64,
    alarms: Vec<String>,
    side_effects: Vec<String>,
    min_respiratory_rate_per_min: f64,
    max_withdrawal: f64,
    mean_pain_vas: f64,
}

/// A pump's series, written as it is simulated (text: about twenty rows), with what the
/// summary needs gathered row by row.
pub struct PumpSeries {
    format: Format,
    rows: u64,
    /// Text prints every `every`-th row (about twenty in all).
    every: u64,
    seconds: f64,
    given: usize,
    refused: Vec<Refused>,
    min_rr: f64,
    max_withdrawal: f64,
    vas_sum: f64,
}

/// The CSV header.
const PUMP_CSV_HEADER: &str = "t_s,reservoir_ml,true_reservoir_ml,csf_concentration_ng_per_ml,delivered_mg,plasma_ng_per_ml,pain_vas,relief_percent,sedation,respiratory_rate_per_min,heart_rate_bpm,temperature_c,withdrawal,side_effects,alarms";

impl PumpSeries {
    /// The series of `a` in `format`, printing about twenty of `steps` rows as text; a
    /// happening outside the run is refused naming its flag.
    pub fn new(a: &Simulate, format: Format, steps: u64) -> Result<PumpSeries> {
        for t in a.bolus_at.iter().chain(&a.occlusion_at) {
            if !t.is_finite() || *t < 0.0 || *t > a.seconds {
                let flag = if a.occlusion_at == Some(*t) {
                    "--occlusion-at"
                } else {
                    "--bolus-at"
                };
                return Err(anyhow!(
                    "{flag} {t} must be a time in seconds from 0 to --seconds ({})",
                    a.seconds
                ));
            }
        }
        Ok(PumpSeries {
            format,
            rows: 0,
            every: (steps / 20).max(1),
            seconds: a.seconds,
            given: 0,
            refused: Vec::new(),
            min_rr: f64::INFINITY,
            max_withdrawal: 0.0,
            vas_sum: 0.0,
        })
    }

    /// The summary of the run that ended in `s`.
    fn summary(self, s: &Session) -> PumpSummary {
        let last = Self::own(row_now(s));
        let pump = s.implant().downcast_ref::<PumpImplant>();
        PumpSummary {
            patient: s.patient.id.clone(),
            implant: "pump",
            seconds: self.seconds,
            boluses_given: self.given,
            refused: self.refused,
            delivered_mg: last.as_ref().map_or(0.0, |r| r.delivered_mg),
            reservoir_ml: last.as_ref().map_or(0.0, |r| r.reservoir_ml),
            true_reservoir_ml: last.as_ref().map_or(0.0, |r| r.true_reservoir_ml),
            alarms: pump.map_or(Vec::new(), |p| {
                p.pump.alarms.iter().map(|a| a.code().to_string()).collect()
            }),
            side_effects: pump.map_or(Vec::new(), |p| p.effects(&s.patient).words()),
            min_respiratory_rate_per_min: self.min_rr,
            max_withdrawal: (self.max_withdrawal * 1000.0).round() / 1000.0,
            mean_pain_vas: ((self.vas_sum / self.rows as f64) * 100.0).round() / 100.0,
        }
    }
}

/// Who sets off `what` on a pump, and the command it sends.
fn command(what: Happening) -> (Role, Command) {
    match what {
        Happening::Bolus => (Role::Patient, RemoteKey::Pump(PumpKey::Bolus).into()),
        Happening::Occlusion => (
            Role::Teacher,
            WorldEvent::Pump(PumpEvent::Occlusion(true)).into(),
        ),
        Happening::Stop => (
            Role::Clinician,
            ProgrammerEdit::Pump(PumpEdit::SetMode(Mode::Stopped)).into(),
        ),
        Happening::Patient(p) => (Role::Teacher, p.event().into()),
    }
}

impl Series for PumpSeries {
    type Row = Box<PumpRow>;

    fn own(row: Row) -> Option<Box<PumpRow>> {
        match row {
            Row::Pump(r) => Some(r),
            Row::Stimulator(_) => None,
        }
    }

    /// A happening at a row's time acts before that row is taken.
    fn before(t: f64, t_row: f64) -> bool {
        t <= t_row
    }

    /// Sets off `what` as its sender would; a refusal is kept for the summary.
    fn happen(&mut self, s: &mut Session, t: f64, what: Happening) -> Result<()> {
        let (role, command) = command(what);
        match s.apply_as(role, command) {
            Ok(_) => self.given += usize::from(matches!(what, Happening::Bolus)),
            Err(e) => self.refused.push(Refused {
                t_s: t,
                what: what.name().into(),
                message: e.to_string(),
            }),
        }
        Ok(())
    }

    fn begin(&self, out: &mut Out) -> Result<(), WriteFailed> {
        match self.format {
            Format::Csv => out.line(PUMP_CSV_HEADER),
            Format::Json => out.text("{\n  \"series\": ["),
            Format::Text => out.line(
                "      t (h)  reservoir mL  CSF ng/mL  delivered mg   VAS  breaths/min  signs",
            ),
        }
    }

    fn row(&mut self, r: &Box<PumpRow>, out: &mut Out) -> Result<(), WriteFailed> {
        self.min_rr = self.min_rr.min(r.respiratory_rate_per_min);
        self.max_withdrawal = self.max_withdrawal.max(r.withdrawal);
        self.vas_sum += r.pain_vas;
        let first = self.rows == 0;
        self.rows += 1;
        match self.format {
            Format::Csv => {
                let mut w = csv::WriterBuilder::new()
                    .has_headers(false)
                    .from_writer(Vec::new());
                w.serialize(r).map_err(|e| WriteFailed(e.into()))?;
                let bytes = w.into_inner().map_err(|e| WriteFailed(e.into_error()))?;
                out.text(&String::from_utf8_lossy(&bytes))?;
            }
            Format::Json => {
                let sep = if first { "\n    " } else { ",\n    " };
                let row = serde_json::to_string(r).map_err(|e| WriteFailed(e.into()))?;
                out.text(&format!("{sep}{row}"))?;
            }
            Format::Text if !(first || self.rows.is_multiple_of(self.every)) => {}
            Format::Text => out.line(format_args!(
                "{:>11.2}  {:>12.2}  {:>9.1}  {:>12.4}  {:>4.1}  {:>11.1}  {}",
                r.t_s / 3600.0,
                r.reservoir_ml,
                r.csf_concentration_ng_per_ml,
                r.delivered_mg,
                r.pain_vas,
                r.respiratory_rate_per_min,
                r.side_effects
            ))?,
        }
        Ok(())
    }

    fn end(self, s: &Session, out: &mut Out) -> Result<(), WriteFailed> {
        let format = self.format;
        let summary = self.summary(s);
        match format {
            Format::Csv => {}
            Format::Json => {
                let pretty =
                    serde_json::to_string_pretty(&summary).map_err(|e| WriteFailed(e.into()))?;
                out.text("\n  ],\n  \"summary\": ")?;
                out.text(&pretty.replace('\n', "\n  "))?;
                out.text("\n}\n")?;
            }
            Format::Text => {
                out.line(format_args!(
                    "Summary: {} bolus(es) given, {} refused; {:.4} mg delivered; reservoir {:.2} mL by the record ({:.2} mL truly); alarms: {}",
                    summary.boluses_given,
                    summary.refused.len(),
                    summary.delivered_mg,
                    summary.reservoir_ml,
                    summary.true_reservoir_ml,
                    if summary.alarms.is_empty() { "none".into() } else { summary.alarms.join(", ") }
                ))?;
                for r in &summary.refused {
                    out.line(format_args!(
                        "Refused at {} s ({}): {}",
                        r.t_s, r.what, r.message
                    ))?;
                }
            }
        }
        Ok(())
    }
}
