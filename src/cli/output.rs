//! Human-readable and CSV renderings of reports.

use super::out::{Format, Out, WriteFailed};
use scs_sim::device::lead::LeadModel;
use scs_sim::device::spec::{BUILT_IN_PROGRAMS, parse_program};
use scs_sim::implant::ImplantKind;
use scs_sim::implant::stim::report::SeriesRow;
use scs_sim::library::{self, BUILT_IN as PATIENTS, spec::parse_patient_spec};
use scs_sim::session::Session;
use scs_sim::training::exercise::{BUILT_IN as EXERCISES, parse_exercise};
use scs_sim::training::score::ScoreReport;
use serde::Serialize;
use serde_json::{Value, json};
use std::fmt::Write;
use std::path::Path;

/// What a simulation came to.
#[derive(Serialize, Debug)]
pub struct Summary {
    /// Patient id.
    pub patient: String,
    /// Program name.
    pub program: String,
    /// Simulated seconds.
    pub seconds: f64,
    /// Seed used.
    pub seed: u64,
    /// When stimulation was switched off, s.
    pub stop_at_s: Option<f64>,
    /// Pain at the start, VAS.
    pub start_vas: f64,
    /// Pain at the end, VAS.
    pub end_vas: f64,
    /// Highest relief reached, %.
    pub peak_relief_percent: f64,
    /// First time relief reached half its peak, s.
    pub half_relief_at_s: Option<f64>,
    /// Perception threshold, mA.
    pub perception_threshold_ma: Option<f64>,
    /// Discomfort threshold, mA.
    pub discomfort_threshold_ma: Option<f64>,
    /// Implant battery at the end, %.
    pub battery_end_percent: f64,
}

impl Summary {
    /// Summarises a finished run from what `tally` saw of its series.
    pub fn of(s: &Session, tally: &Tally, stop_at: Option<f64>) -> Summary {
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
            perception_threshold_ma: s.perception_threshold(),
            discomfort_threshold_ma: s.discomfort_threshold(),
            battery_end_percent: s
                .device()
                .map_or(0.0, |d| (d.battery.percent() * 10.0).round() / 10.0),
        }
    }
}

/// What the summary needs of a series, gathered row by row so the series is never kept.
#[derive(Debug, Default)]
pub struct Tally {
    start_vas: Option<f64>,
    end_vas: f64,
    peak: f64,
    /// (t, relief) of every row that beat all before it: at most one per 0.1 % of relief.
    records: Vec<(f64, f64)>,
}

impl Tally {
    /// Takes one row into account.
    pub fn add(&mut self, r: &SeriesRow) {
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

/// Writes a series row by row as it is simulated: memory stays small however long the run.
pub struct SeriesWriter {
    format: Format,
    rows_written: u64,
    /// Text prints every `every`-th row (and the last) of `total`, after the summary.
    every: u64,
    total: u64,
    kept: Vec<SeriesRow>,
}

/// The CSV header.
const CSV_HEADER: &str =
    "t_s,stimulation_on,amplitude_ma,pain_vas,relief_percent,paresthesia_intensity";

impl SeriesWriter {
    /// A writer for `total` rows in `format`.
    pub fn new(format: Format, total: u64) -> SeriesWriter {
        SeriesWriter {
            format,
            rows_written: 0,
            every: (total / 20).max(1),
            total,
            kept: Vec::new(),
        }
    }

    /// Writes what comes before the first row.
    pub fn begin(&self, out: &mut Out) -> Result<(), WriteFailed> {
        match self.format {
            Format::Csv => out.line(CSV_HEADER),
            Format::Json => out.text("{\n  \"series\": ["),
            Format::Text => Ok(()),
        }
    }

    /// Writes (or, for text, keeps) one row.
    pub fn row(&mut self, r: &SeriesRow, out: &mut Out) -> Result<(), WriteFailed> {
        let i = self.rows_written;
        self.rows_written += 1;
        match self.format {
            Format::Csv => out.line(format_args!(
                "{},{},{},{},{},{}",
                r.t_s,
                r.stimulation_on,
                r.amplitude_ma,
                r.pain_vas,
                r.relief_percent,
                r.paresthesia_intensity
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

    /// Writes what comes after the last row: the JSON summary, or the text.
    pub fn end(self, summary: &Summary, out: &mut Out) -> Result<(), WriteFailed> {
        match self.format {
            Format::Csv => Ok(()),
            Format::Json => {
                let pretty = serde_json::to_string_pretty(summary).unwrap_or_default();
                out.text("\n  ],\n  \"summary\": ")?;
                out.text(&pretty.replace('\n', "\n  "))?;
                out.text("\n}\n")
            }
            Format::Text => out.text(&simulate_text(summary, &self.kept)),
        }
    }
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

/// A graded session as text: score, goal, measures, timeline and the expert's way.
pub fn score_text(file: &str, r: &ScoreReport) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "{file}: {} — score {}/100, goal {}",
        r.title,
        r.score,
        if r.goal_met { "met" } else { "not met" }
    );
    // How the score was made, criterion by criterion (as the debrief shows it).
    for c in &r.criteria {
        let points = format!("{}/{}", c.points, c.max);
        let _ = writeln!(
            o,
            "  {:<11} {points:>5}  {}",
            c.name.to_lowercase(),
            c.detail
        );
    }
    let _ = writeln!(
        o,
        "  at the end  relief {:.0}% · coverage {:.0}% · {} adjustments in {:.0} s",
        r.relief_percent,
        100.0 * r.coverage,
        r.adjustments,
        r.simulated_s
    );
    for a in &r.timeline {
        let refused = a
            .refused
            .as_ref()
            .map_or(String::new(), |w| format!("  [refused: {w}]"));
        let _ = writeln!(o, "  {:>7.0} s  {}{refused}", a.t_s, a.action);
    }
    for step in &r.expert {
        let _ = writeln!(o, "  expert      {step}");
    }
    o
}

/// `list patients`: one text line and one JSON object per built-in patient.
pub fn list_patients() -> Vec<(String, Value)> {
    let mut rows = Vec::new();
    for (id, text) in PATIENTS {
        let path = Path::new(id);
        let Ok(spec) = parse_patient_spec(path, text) else {
            continue;
        };
        let Ok((p, d)) = spec.build(path, text) else {
            continue;
        };
        let implant = spec.implant.kind().name();
        let lead = d
            .placements
            .first()
            .map_or(String::new(), |l| l.level.name().to_string());
        let nerves: Vec<String> = d
            .nerve_leads
            .iter()
            .map(|l| {
                let kind = match l.model {
                    LeadModel::Coiled => "percutaneous lead",
                    LeadModel::Cylindrical => "lead across",
                };
                format!(
                    "{kind} {} mm from the {} {}",
                    l.site.distance_mm,
                    l.site.side.name(),
                    l.site.nerve
                )
            })
            .collect();
        let place = if nerves.is_empty() {
            format!("lead at {lead}")
        } else {
            nerves.join("; ")
        };
        let leads: Vec<Value> = d
            .nerve_leads
            .iter()
            .map(|l| {
                json!({"model": l.model.name(), "nerve": l.site.nerve.name(),
                       "side": l.site.side.name(), "distance_mm": l.site.distance_mm})
            })
            .collect();
        let mut item = json!({"id": id, "name": p.name, "implant": implant, "age": p.age,
                   "diagnosis": p.diagnosis, "lead_level": lead});
        if !leads.is_empty() {
            item["nerve_leads"] = Value::Array(leads);
        }
        rows.push((
            format!(
                "{id:<20} {implant:<4} {}, {} — {} ({place})",
                p.name, p.age, p.diagnosis
            ),
            item,
        ));
    }
    rows.extend(super::pump::list_rows());
    rows
}

/// `list programs`: one text line and one JSON object per example program.
pub fn list_programs() -> Vec<(String, Value)> {
    let mut rows = Vec::new();
    for (name, text) in BUILT_IN_PROGRAMS {
        if let Ok(p) = parse_program(Path::new(name), text) {
            let s = p.settings;
            rows.push((
                format!(
                    "{name:<20} {:<14} {:<15} {} µs {} Hz  {}",
                    p.name,
                    s.waveform.name(),
                    s.pulse_width_us,
                    s.rate_hz,
                    p.electrodes.to_code()
                ),
                json!({"id": name, "name": p.name, "implant": "scs",
                       "waveform": s.waveform.name(), "pulse_width_us": s.pulse_width_us,
                       "rate_hz": s.rate_hz, "contacts": p.electrodes.to_code()}),
            ));
        }
    }
    rows
}

/// `list exercises`: one text line and one JSON object per built-in exercise.
pub fn list_exercises() -> Vec<(String, Value)> {
    let mut rows = Vec::new();
    for (id, text) in EXERCISES {
        if let Ok(e) = parse_exercise(Path::new(id), text) {
            let implant = library::implant_kind(&e.patient).map_or("unknown", ImplantKind::name);
            rows.push((
                format!(
                    "{id:<18} {} (patient {}, {implant}, {} s)",
                    e.title, e.patient, e.time_budget_s
                ),
                json!({"id": id, "name": e.title, "implant": implant, "patient": e.patient,
                       "time_budget_s": e.time_budget_s}),
            ));
        }
    }
    rows
}
