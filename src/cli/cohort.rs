//! `scs-sim cohort`: a virtual trial. Seeded practice patients, each programmed as a
//! competent clinician would (the programming assistant), responder rates by therapy and
//! pain site with 95 % intervals, beside the published ones.

use super::args::TherapyArg;
use super::out::Out;
use anyhow::{Result, anyhow};
use scs_sim::training::assistant::Therapy;
use scs_sim::training::cohort;

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
    let therapies: Vec<Therapy> = match therapy {
        TherapyArg::Tonic => vec![Therapy::Tonic],
        TherapyArg::Burst => vec![Therapy::Burst],
        TherapyArg::HighFrequency => vec![Therapy::HighFrequency],
        TherapyArg::All => vec![Therapy::Tonic, Therapy::Burst, Therapy::HighFrequency],
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
