//! The command line for drug-pump patients: pump SETUP flags applied as the clinician
//! would (a refill for a new drug or concentration, then the dose and the bolus), `eval`
//! of the prescription's steady state, and `simulate` with boluses and an occlusion.
//! Flags of the other kind of implant are refused with a sentence.

use super::args::{Setup, Simulate};
use super::out::Format;
use super::out::{Out, RunOut, WriteFailed};
use anyhow::{Context, Result, anyhow};
use scs_sim::files::shorten;
use scs_sim::implant::pump::report::{PumpRow, tip_name};
use scs_sim::implant::pump::{BolusLimits, Kit, Port, PumpEdit, PumpEvent, PumpKey, RefillStep};
use scs_sim::patient::pharmacology::Drug;
use scs_sim::session::{Command, ProgrammerEdit, RemoteKey, Role, Session, WorldEvent};
use serde::Serialize;

/// Longest pump simulation, s (a year: pump work spans weeks).
pub const MAX_PUMP_SECONDS: f64 = 366.0 * 86_400.0;

/// Pump flags given.
fn pump_flags(s: &Setup) -> Vec<&'static str> {
    [
        ("--drug", s.drug.is_some()),
        (
            "--concentration-mg-per-ml",
            s.concentration_mg_per_ml.is_some(),
        ),
        ("--rate-ml-per-day", s.rate_ml_per_day.is_some()),
        ("--reservoir-ml", s.reservoir_ml.is_some()),
        ("--bolus-mg", s.bolus_mg.is_some()),
        ("--lockout-h", s.lockout_h.is_some()),
        ("--max-boluses-per-day", s.max_boluses_per_day.is_some()),
    ]
    .into_iter()
    .filter(|(_, given)| *given)
    .map(|(f, _)| f)
    .collect()
}

/// Stimulator flags given.
fn stimulator_flags(s: &Setup) -> Vec<&'static str> {
    [
        ("--program", s.program.is_some()),
        ("--amplitude-ma", s.amplitude_ma.is_some()),
        ("--pulse-width-us", s.pulse_width_us.is_some()),
        ("--rate-hz", s.rate_hz.is_some()),
        ("--waveform", s.waveform.is_some()),
        ("--burst-pulses", s.burst_pulses.is_some()),
        ("--burst-rate-hz", s.burst_rate_hz.is_some()),
        ("--contacts", s.contacts.is_some()),
        ("--case-anode", s.case_anode),
        ("--lead-level", s.lead_level.is_some()),
        ("--lateral-mm", s.lateral_mm.is_some()),
        ("--csf-mm", s.csf_mm.is_some()),
        ("--distance-mm", s.distance_mm.is_some()),
        ("--nerve", s.nerve.is_some()),
        ("--deploy", s.deploy),
    ]
    .into_iter()
    .filter(|(_, given)| *given)
    .map(|(f, _)| f)
    .collect()
}

/// Refuses flags of the other kind of implant with a sentence.
pub fn check_kind(setup: &Setup, s: &Session) -> Result<()> {
    let patient = shorten(&s.patient.id);
    if s.implant().pump().is_some() {
        if let Some(flag) = stimulator_flags(setup).first() {
            return Err(anyhow!(
                "{flag} refused: patient '{patient}' has an intrathecal drug pump, not a stimulator; use --drug, --concentration-mg-per-ml, --rate-ml-per-day, --reservoir-ml and the bolus flags"
            ));
        }
    } else if let Some(flag) = pump_flags(setup).first() {
        return Err(anyhow!(
            "{flag} refused: patient '{patient}' has a stimulator, not a drug pump; there is no drug, reservoir or bolus to set"
        ));
    }
    Ok(())
}

/// Refuses simulate's pump flags on a stimulator.
pub fn check_run_kind(a: &Simulate, s: &Session) -> Result<()> {
    if s.implant().pump().is_none() {
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
    }
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
    Ok(())
}

fn apply(s: &mut Session, flag: &str, command: impl Into<Command>) -> Result<()> {
    s.apply(command)
        .map(|_| ())
        .with_context(|| format!("{flag} refused"))
}

fn finite(flag: &str, v: Option<f64>) -> Result<()> {
    if let Some(v) = v
        && !v.is_finite()
    {
        return Err(anyhow!(
            "{flag} refused: {v} is not a number; give a finite value"
        ));
    }
    Ok(())
}

/// Applies the pump flags as a clinician: a new drug or concentration is filled as at a
/// refill (interrogate, aspirate, fill, update) and programmed; then the rate (as a dose),
/// the reservoir, the bolus.
pub fn program(setup: &Setup, s: &mut Session) -> Result<()> {
    finite("--concentration-mg-per-ml", setup.concentration_mg_per_ml)?;
    finite("--rate-ml-per-day", setup.rate_ml_per_day)?;
    finite("--reservoir-ml", setup.reservoir_ml)?;
    finite("--bolus-mg", setup.bolus_mg)?;
    finite("--lockout-h", setup.lockout_h)?;
    let Some(p) = s.implant().pump() else {
        return Ok(());
    };
    let now = p.pump.programmed;
    let drug = match &setup.drug {
        Some(d) => {
            Drug::parse(super::flag::short("--drug", d)?).map_err(|e| anyhow!("--drug: {e}"))?
        }
        None => now.drug,
    };
    if setup.drug.is_some() && drug != now.drug && setup.concentration_mg_per_ml.is_none() {
        return Err(anyhow!(
            "--drug {drug} needs --concentration-mg-per-ml: concentrations differ from drug to drug"
        ));
    }
    let conc = setup
        .concentration_mg_per_ml
        .unwrap_or(now.concentration_mg_per_ml);
    let flag = if setup.drug.is_some() {
        "--drug"
    } else {
        "--concentration-mg-per-ml"
    };
    if drug != now.drug || conc != now.concentration_mg_per_ml {
        let volume = setup.reservoir_ml.unwrap_or(p.pump.record_ml.max(1.0));
        refill(s, flag, drug, conc, volume)?;
    } else if let Some(ml) = setup.reservoir_ml {
        apply(
            s,
            "--reservoir-ml",
            WorldEvent::Pump(PumpEvent::Reservoir(ml)),
        )?;
    }
    if let Some(rate) = setup.rate_ml_per_day {
        if rate <= 0.0 {
            return Err(anyhow!(
                "--rate-ml-per-day refused: {rate} mL/day is not a rate above 0"
            ));
        }
        let dose = rate * conc;
        apply(
            s,
            "--rate-ml-per-day",
            ProgrammerEdit::Pump(PumpEdit::SetDailyDose(dose)),
        )?;
    }
    bolus(setup, s)
}

/// A refill with `drug` at `conc`, `volume` mL, then the programmer told so.
fn refill(s: &mut Session, flag: &str, drug: Drug, conc: f64, volume: f64) -> Result<()> {
    let steps = [
        PumpEdit::Interrogate,
        PumpEdit::Refill(RefillStep::Begin),
        PumpEdit::Refill(RefillStep::InsertNeedle {
            port: Port::Reservoir,
            kit: Kit::Refill,
        }),
        PumpEdit::Refill(RefillStep::Aspirate),
        PumpEdit::Refill(RefillStep::Fill {
            drug,
            concentration_mg_per_ml: conc,
            volume_ml: volume,
        }),
        PumpEdit::Refill(RefillStep::Finish { volume_ml: volume }),
        PumpEdit::SetDrug {
            drug,
            concentration_mg_per_ml: conc,
        },
    ];
    for step in steps {
        apply(s, flag, ProgrammerEdit::Pump(step))?;
    }
    Ok(())
}

fn bolus(setup: &Setup, s: &mut Session) -> Result<()> {
    if setup.bolus_mg.is_none() && setup.lockout_h.is_none() && setup.max_boluses_per_day.is_none()
    {
        return Ok(());
    }
    let now = s.implant().pump().and_then(|p| p.pump.bolus);
    let Some(dose_mg) = setup.bolus_mg.or(now.map(|b| b.dose_mg)) else {
        return Err(anyhow!(
            "--lockout-h and --max-boluses-per-day need --bolus-mg: this pump has no patient bolus yet"
        ));
    };
    let limits = BolusLimits {
        dose_mg,
        lockout_h: setup.lockout_h.or(now.map(|b| b.lockout_h)).unwrap_or(4.0),
        max_per_day: setup
            .max_boluses_per_day
            .or(now.map(|b| b.max_per_day))
            .unwrap_or(4),
    };
    let flag = if setup.bolus_mg.is_some() {
        "--bolus-mg"
    } else if setup.lockout_h.is_some() {
        "--lockout-h"
    } else {
        "--max-boluses-per-day"
    };
    apply(
        s,
        flag,
        ProgrammerEdit::Pump(PumpEdit::SetBolus(Some(limits))),
    )
}

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

/// What happens in the run, in time order.
#[derive(Clone, Copy)]
enum Happening {
    Bolus,
    Occlusion,
    Stop,
}

/// The series' row for the pump session now (`None` without a pump).
fn row_now(s: &Session) -> Option<PumpRow> {
    let p = s.implant().pump()?;
    Some(PumpRow::of(p, &s.patient, &s.view()))
}

/// `simulate` for a pump patient.
///
/// With a session to save, a reader that goes away does not stop the run (see [`RunOut`]).
pub fn simulate(a: &Simulate, mut s: Session, format: Format, run: &mut RunOut) -> Result<Session> {
    let mut events: Vec<(f64, Happening)> = a
        .bolus_at
        .iter()
        .map(|t| (*t, Happening::Bolus))
        .chain(a.occlusion_at.map(|t| (t, Happening::Occlusion)))
        .chain(a.stop_at.map(|t| (t, Happening::Stop)))
        .collect();
    events.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut next = events.into_iter().peekable();
    let steps = (a.seconds / a.interval_s).round() as u64;
    let mut refused = Vec::new();
    let mut given = 0;
    let (mut min_rr, mut max_w, mut vas_sum) = (f64::INFINITY, 0.0f64, 0.0);
    let mut writer = Writer::new(format, steps);
    run.write(|out| writer.begin(out))?;
    for i in 0..=steps {
        let t_row = i as f64 * a.interval_s;
        while let Some((t, what)) = next.next_if(|(t, _)| *t <= t_row) {
            s.step(t - s.t_s);
            let (name, result) = happen(&mut s, what);
            match result {
                Ok(()) => given += usize::from(matches!(what, Happening::Bolus)),
                Err(message) => refused.push(Refused {
                    t_s: t,
                    what: name.into(),
                    message,
                }),
            }
        }
        s.step(t_row - s.t_s);
        let Some(row) = row_now(&s) else { break };
        min_rr = min_rr.min(row.respiratory_rate_per_min);
        max_w = max_w.max(row.withdrawal);
        vas_sum += row.pain_vas;
        run.write(|out| writer.row(&row, out))?;
    }
    let last = row_now(&s);
    let summary = PumpSummary {
        patient: s.patient.id.clone(),
        implant: "pump",
        seconds: a.seconds,
        boluses_given: given,
        refused,
        delivered_mg: last.as_ref().map_or(0.0, |r| r.delivered_mg),
        reservoir_ml: last.as_ref().map_or(0.0, |r| r.reservoir_ml),
        true_reservoir_ml: last.as_ref().map_or(0.0, |r| r.true_reservoir_ml),
        alarms: s.implant().pump().map_or(Vec::new(), |p| {
            p.pump.alarms.iter().map(|a| a.code().to_string()).collect()
        }),
        side_effects: s
            .implant()
            .pump()
            .map_or(Vec::new(), |p| p.effects(&s.patient).words()),
        min_respiratory_rate_per_min: min_rr,
        max_withdrawal: (max_w * 1000.0).round() / 1000.0,
        mean_pain_vas: ((vas_sum / (steps + 1) as f64) * 100.0).round() / 100.0,
    };
    run.write(|out| writer.end(&summary, out))?;
    Ok(s)
}

fn happen(s: &mut Session, what: Happening) -> (&'static str, Result<(), String>) {
    let (name, role, command): (&str, Role, Command) = match what {
        Happening::Bolus => (
            "bolus",
            Role::Patient,
            RemoteKey::Pump(PumpKey::Bolus).into(),
        ),
        Happening::Occlusion => (
            "occlusion",
            Role::Teacher,
            WorldEvent::Pump(PumpEvent::Occlusion(true)).into(),
        ),
        Happening::Stop => (
            "stop",
            Role::Clinician,
            ProgrammerEdit::Pump(PumpEdit::SetMode(scs_sim::implant::pump::Mode::Stopped)).into(),
        ),
    };
    let result = s
        .apply_as(role, command)
        .map(|_| ())
        .map_err(|e| e.to_string());
    (name, result)
}

/// Writes the series as it is simulated.
struct Writer {
    format: Format,
    rows: u64,
    /// Text prints every `every`-th row (about twenty in all).
    every: u64,
}

const PUMP_CSV_HEADER: &str = "t_s,reservoir_ml,true_reservoir_ml,csf_concentration_ng_per_ml,delivered_mg,plasma_ng_per_ml,pain_vas,relief_percent,sedation,respiratory_rate_per_min,heart_rate_bpm,temperature_c,withdrawal,side_effects,alarms";

impl Writer {
    /// A writer for `total` rows in `format`.
    fn new(format: Format, total: u64) -> Writer {
        Writer {
            format,
            rows: 0,
            every: (total / 20).max(1),
        }
    }

    /// Writes what comes before the first row.
    fn begin(&self, out: &mut Out) -> Result<(), WriteFailed> {
        match self.format {
            Format::Csv => out.line(PUMP_CSV_HEADER),
            Format::Json => out.text("{\n  \"series\": ["),
            Format::Text => out.line(
                "      t (h)  reservoir mL  CSF ng/mL  delivered mg   VAS  breaths/min  signs",
            ),
        }
    }

    /// Writes one row (text: about twenty in all).
    fn row(&mut self, r: &PumpRow, out: &mut Out) -> Result<(), WriteFailed> {
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

    /// Writes what comes after the last row: the JSON summary, or the text's.
    fn end(&self, summary: &PumpSummary, out: &mut Out) -> Result<(), WriteFailed> {
        match self.format {
            Format::Csv => {}
            Format::Json => {
                let pretty =
                    serde_json::to_string_pretty(summary).map_err(|e| WriteFailed(e.into()))?;
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

/// `list patients` rows of the built-in drug-pump patients.
pub fn list_rows() -> Vec<(String, serde_json::Value)> {
    let mut rows = Vec::new();
    for (id, _) in scs_sim::library::pump::BUILT_IN {
        let Some(Ok((p, implant))) = scs_sim::library::pump::built_in(id) else {
            continue;
        };
        let Some(pump) = implant.pump() else { continue };
        let rx = pump.pump.programmed;
        let tip = tip_name(pump);
        rows.push((
            format!(
                "{id:<20} pump {}, {} — {} ({} {} mg/mL, catheter tip at {tip})",
                p.name, p.age, p.diagnosis, rx.drug, rx.concentration_mg_per_ml
            ),
            serde_json::json!({"id": id, "name": p.name, "implant": "pump", "age": p.age,
                "diagnosis": p.diagnosis, "drug": rx.drug.name(),
                "concentration_mg_per_ml": rx.concentration_mg_per_ml,
                "catheter_tip": tip, "capacity_ml": pump.pump.capacity_ml}),
        ));
    }
    rows
}
