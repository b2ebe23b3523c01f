//! `scs-sim cohort`: a virtual trial. Seeded practice patients, each programmed as a
//! competent clinician would (the programming assistant), responder rates by therapy and
//! pain site with 95 % intervals, beside the published ones.

use super::args::TherapyArg;
use super::out::Out;
use anyhow::{Result, anyhow};
use scs_sim::training::assistant::Therapy;
use scs_sim::training::{cohort, cohort_loop, pump_course};

/// Most patients one run accepts (10,000 run in seconds).
const MAX_PATIENTS: usize = 100_000;

/// Runs the cohort and prints it.
pub fn cohort(
    patients: usize,
    seed: u64,
    therapy: TherapyArg,
    json: bool,
    out: &mut Out,
) -> Result<()> {
    if patients == 0 || patients > MAX_PATIENTS {
        return Err(anyhow!(
            "--patients must be from 1 to {MAX_PATIENTS}; it is {patients}"
        ));
    }
    if therapy == TherapyArg::Pump {
        return pump(patients, seed, json, out);
    }
    if therapy == TherapyArg::ClosedLoop {
        return closed_loop(patients, seed, json, out);
    }
    let therapies: Vec<Therapy> = match therapy {
        TherapyArg::Tonic => vec![Therapy::Tonic],
        TherapyArg::Burst => vec![Therapy::Burst],
        TherapyArg::HighFrequency => vec![Therapy::HighFrequency],
        TherapyArg::All | TherapyArg::Pump | TherapyArg::ClosedLoop => {
            vec![Therapy::Tonic, Therapy::Burst, Therapy::HighFrequency]
        }
    };
    let progress = super::progress::Progress::new(patients, "patients");
    let report = cohort::run_counted(patients, seed, &therapies, &|| progress.step());
    progress.finish();
    if json {
        out.line(serde_json::to_string_pretty(&report)?)?;
        return Ok(());
    }
    out.line(format!(
        "Virtual cohort: {} seeded practice patients (seed {seed}); responder = at least 50 % relief",
        report.patients
    ))?;
    out.line(format!(
        "{:<15} {:<5} {:>10} {:>15} {:>10}  {}",
        "therapy", "site", "responders", "95% interval", "published", "source"
    ))?;
    for r in &report.rows {
        let published = r
            .published_percent
            .map_or("—".to_string(), |p| format!("{p:.0} %"));
        out.line(format!(
            "{:<15} {:<5} {:>8.0} % {:>15} {:>10}  {}",
            r.therapy.name(),
            r.site,
            r.responder_percent,
            format!("{:.0}–{:.0} %", r.ci_low, r.ci_high),
            published,
            r.source
        ))?;
    }
    Ok(())
}

/// Months a pump cohort is followed.
const PUMP_MONTHS: u32 = 12;

/// The pump cohort: month by month, and the share whose dose rose beside the published
/// figures.
fn pump(patients: usize, seed: u64, json: bool, out: &mut Out) -> Result<()> {
    let r = pump_course::run(patients, seed, PUMP_MONTHS);
    if json {
        out.line(serde_json::to_string_pretty(&r)?)?;
        return Ok(());
    }
    out.line(format!(
        "Pump cohort: {} seeded intrathecal morphine patients (seed {seed}), followed {} months; the dose is raised by a fifth when a tenth of the relief is lost",
        r.patients, r.months
    ))?;
    out.line(format!(
        "{:>5} {:>10} {:>12} {:>8}",
        "month", "mean mg/d", "median mg/d", "relief"
    ))?;
    for m in &r.rows {
        out.line(format!(
            "{:>5} {:>10.2} {:>12.2} {:>6.0} %",
            m.month, m.mean_dose_mg, m.median_dose_mg, m.mean_relief_percent
        ))?;
    }
    out.line(format!(
        "Dose rose in {:.0} % ({:.0}–{:.0} %); mean final ÷ starting dose {:.2}",
        r.rose_percent, r.rose_ci.0, r.rose_ci.1, r.mean_dose_ratio
    ))?;
    out.line(format!("Published: {}", r.published))?;
    Ok(())
}

/// The closed-loop cohort: open and closed loop on the same patients and day, beside EVOKE.
fn closed_loop(patients: usize, seed: u64, json: bool, out: &mut Out) -> Result<()> {
    let progress = super::progress::Progress::new(patients, "patients");
    let r = cohort_loop::run_loop_cohort(patients, seed, &|| progress.step());
    progress.finish();
    if json {
        out.line(serde_json::to_string_pretty(&r)?)?;
        return Ok(());
    }
    out.line(format!(
        "Closed-loop cohort: {} seeded practice patients (seed {seed}), tonic, the same day of postures, coughs and bends in each arm; responder = at least 50 % relief of back and leg pain",
        r.patients
    ))?;
    out.line(format!(
        "{:<12} {:>8} {:>10} {:>15} {:>10} {:>10} {:>10}",
        "arm", "patients", "responders", "95% interval", "in window", "jolts/day", "published"
    ))?;
    for row in &r.rows {
        out.line(format!(
            "{:<12} {:>8} {:>8.0} % {:>15} {:>8.0} % {:>10.1} {:>8.0} %",
            row.arm,
            row.patients,
            row.responder_percent,
            format!("{:.0}–{:.0} %", row.ci_low, row.ci_high),
            row.median_in_window_percent,
            row.mean_overstimulations,
            row.published_percent,
        ))?;
    }
    if let Some(row) = r.rows.first() {
        out.line(format!("Published: {}", row.source))?;
    }
    Ok(())
}
