//! Human-readable and CSV renderings of reports.

use scs_sim::device::spec::{BUILT_IN_PROGRAMS, parse_program};
use scs_sim::implant::ImplantKind;
use scs_sim::library::{self, BUILT_IN as PATIENTS, spec::parse_patient_spec};
use scs_sim::report::{EvalReport, SeriesRow};
use scs_sim::session::Session;
use scs_sim::training::exercise::{BUILT_IN as EXERCISES, parse_exercise};
use scs_sim::training::score::ScoreReport;
use serde::Serialize;
use serde_json::{Value, json};
use std::fmt::Write;
use std::path::Path;

fn opt(v: Option<f64>, unit: &str) -> String {
    v.map_or_else(
        || "not reached within 25.5 mA".to_string(),
        |x| format!("{x:.2} {unit}"),
    )
}

/// `eval` as text.
pub fn eval_text(r: &EvalReport) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "Patient {} · program '{}' · {} · lead {} {:+.1} mm · {}",
        r.patient, r.program, r.waveform, r.lead_level, r.lateral_mm, r.posture
    );
    let _ = writeln!(
        o,
        "Setting      {} mA · {} µs · {} Hz · contacts {}",
        r.amplitude_ma, r.pulse_width_us, r.rate_hz, r.contacts
    );
    let _ = writeln!(
        o,
        "Delivered    {} mA into {} Ω ({} V of {} V)",
        r.delivered_ma, r.impedance_ohm, r.voltage_v, r.compliance_voltage_v
    );
    let _ = writeln!(
        o,
        "Charge       {} µC/phase · {} µC/cm² (limit 30) · Shannon k {} · contact {} mm²",
        r.charge_per_phase_uc,
        r.max_charge_density_uc_per_cm2,
        r.shannon_k.map_or("–".into(), |k| format!("{k:.2}")),
        r.contact_area_mm2
    );
    let _ = writeln!(
        o,
        "Thresholds   perception {} · discomfort {} · usage range {}",
        opt(r.perception_threshold_ma, "mA"),
        opt(r.discomfort_threshold_ma, "mA"),
        r.usage_range.map_or("–".into(), |u| format!("{u:.2}"))
    );
    let mut felt: Vec<(&String, &f64)> =
        r.paresthesia.iter().filter(|(_, v)| **v >= 0.05).collect();
    felt.sort_by(|a, b| b.1.total_cmp(a.1));
    let felt: Vec<String> = felt
        .iter()
        .map(|(k, v)| format!("{k} {:.0}%", *v * 100.0))
        .collect();
    let _ = writeln!(
        o,
        "Paresthesia  {}",
        if felt.is_empty() {
            "none".to_string()
        } else {
            felt.join(", ")
        }
    );
    let _ = writeln!(
        o,
        "Coverage     {:.0}% of the pain map",
        r.paresthesia_coverage * 100.0
    );
    let _ = writeln!(
        o,
        "Pain         VAS {:.1} → {:.1} at steady state ({:.0}% relief)",
        r.baseline_vas, r.pain_vas, r.relief_percent
    );
    for e in &r.side_effects {
        let _ = writeln!(o, "Side effect  {e}");
    }
    let _ = writeln!(o, "Patient      \"{}\"", r.patient_says);
    let _ = writeln!(
        o,
        "Battery      {}% · {} days left at these settings",
        r.battery_percent, r.battery_days_left
    );
    for w in &r.warnings {
        let _ = writeln!(o, "WARNING      [{}] {}", w.code, w.message);
    }
    o
}

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
    /// Summarises a finished run.
    pub fn of(s: &Session, rows: &[SeriesRow], stop_at: Option<f64>) -> Summary {
        let peak = rows.iter().map(|r| r.relief_percent).fold(0.0, f64::max);
        let half = rows
            .iter()
            .find(|r| peak > 0.0 && r.relief_percent >= 0.5 * peak)
            .map(|r| r.t_s);
        Summary {
            patient: s.patient.id.clone(),
            program: s.device().program().name.clone(),
            seconds: s.t_s,
            seed: s.seed,
            stop_at_s: stop_at,
            start_vas: rows.first().map_or(0.0, |r| r.pain_vas),
            end_vas: rows.last().map_or(0.0, |r| r.pain_vas),
            peak_relief_percent: peak,
            half_relief_at_s: half,
            perception_threshold_ma: s.perception_threshold(),
            discomfort_threshold_ma: s.discomfort_threshold(),
            battery_end_percent: (s.device().battery.percent() * 10.0).round() / 10.0,
        }
    }
}

/// The series as CSV with a header.
pub fn csv(rows: &[SeriesRow]) -> String {
    let mut o = String::from(
        "t_s,stimulation_on,amplitude_ma,pain_vas,relief_percent,paresthesia_intensity\n",
    );
    for r in rows {
        let _ = writeln!(
            o,
            "{},{},{},{},{},{}",
            r.t_s,
            r.stimulation_on,
            r.amplitude_ma,
            r.pain_vas,
            r.relief_percent,
            r.paresthesia_intensity
        );
    }
    o
}

/// The summary and about twenty rows of the series as text.
pub fn simulate_text(s: &Summary, rows: &[SeriesRow]) -> String {
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
    let every = (rows.len() / 20).max(1);
    for (i, r) in rows.iter().enumerate() {
        if i % every == 0 || i + 1 == rows.len() {
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
    let _ = writeln!(o, "  goal       {}", r.goal_detail);
    let _ = writeln!(
        o,
        "  relief     {:.0}% · coverage {:.0}%",
        r.relief_percent,
        100.0 * r.coverage
    );
    let warnings = if r.warnings_triggered.is_empty() {
        "none".to_string()
    } else {
        r.warnings_triggered
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(o, "  safety     warnings triggered: {warnings}");
    let _ = writeln!(
        o,
        "  effort     {} adjustments in {:.0} s ({})",
        r.adjustments,
        r.simulated_s,
        if r.within_budget {
            "within budget"
        } else {
            "over budget"
        }
    );
    for a in &r.timeline {
        let refused = a
            .refused
            .as_ref()
            .map_or(String::new(), |w| format!("  [refused: {w}]"));
        let _ = writeln!(o, "  {:>7.0} s  {}{refused}", a.t_s, a.action);
    }
    for step in &r.expert {
        let _ = writeln!(o, "  expert     {step}");
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
        rows.push((
            format!(
                "{id:<20} {implant:<4} {}, {} — {} (lead at {lead})",
                p.name, p.age, p.diagnosis
            ),
            json!({"id": id, "name": p.name, "implant": implant, "age": p.age,
                   "diagnosis": p.diagnosis, "lead_level": lead}),
        ));
    }
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
