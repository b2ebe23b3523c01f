//! Human-readable renderings of graded sessions and of the built-in lists.

use scs_sim::device::lead::LeadModel;
use scs_sim::device::spec::{BUILT_IN_PROGRAMS, parse_program};
use scs_sim::implant::pump::PumpImplant;
use scs_sim::implant::pump::report::tip_name;
use scs_sim::library::{self, BUILT_IN as PATIENTS, spec::parse_patient_spec};
use scs_sim::training::exercise::{BUILT_IN as EXERCISES, parse_exercise};
use scs_sim::training::score::ScoreReport;
use serde_json::{Value, json};
use std::fmt::Write;
use std::path::Path;

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
    let _ = writeln!(
        o,
        "  trainee     {} · saved {}",
        r.trainee.as_deref().unwrap_or("not named"),
        r.date.as_deref().unwrap_or("on a day not recorded")
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
    rows.extend(list_pump_patients());
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
            let implant = library::implant_kind(&e.patient).map_or("unknown", |k| k.name());
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

/// `list patients` rows of the built-in drug-pump patients.
fn list_pump_patients() -> Vec<(String, serde_json::Value)> {
    let mut rows = Vec::new();
    for (id, _) in scs_sim::library::pump::BUILT_IN {
        let Some(Ok((p, implant))) = scs_sim::library::pump::built_in(id) else {
            continue;
        };
        let Some(pump) = implant.downcast_ref::<PumpImplant>() else {
            continue;
        };
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
