//! A virtual cohort: N seeded patients of a trial-like population (back and/or leg pain,
//! two leads near T8–T9), each programmed for each therapy by the
//! [programming assistant](super::assistant) and taken to the steady state a trial measures
//! at three months. A responder has at least 50 % relief at a site (back, leg); rates with
//! 95 % Wilson intervals stand beside the published ones.
//!
//! Every patient runs on its own core (`rayon`); nothing is time-stepped, so 10,000
//! patients × 3 therapies take seconds.

use super::assistant;
use super::therapy::Therapy;
use crate::library::generate;
use crate::patient::anatomy::REGIONS;
use crate::patient::{Pain, Patient};
use rayon::prelude::*;
use serde::Serialize;

/// Relief at a site that makes a responder, %.
pub const RESPONDER_RELIEF_PERCENT: f64 = 50.0;

/// One therapy at one site: the cohort's responder rate beside the published one.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CohortRow {
    /// The therapy.
    pub therapy: Therapy,
    /// "back" or "leg".
    pub site: &'static str,
    /// Patients with pain at this site.
    pub patients: usize,
    /// Share with ≥ 50 % relief at this site, %.
    pub responder_percent: f64,
    /// 95 % Wilson interval, lower end, %.
    pub ci_low: f64,
    /// 95 % Wilson interval, upper end, %.
    pub ci_high: f64,
    /// Mean relief at this site, %.
    pub mean_relief_percent: f64,
    /// The published responder rate, % (none where the source gives no rate).
    pub published_percent: Option<f64>,
    /// Where the published number comes from.
    pub source: &'static str,
}

/// The cohort's result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CohortReport {
    /// Patients generated.
    pub patients: usize,
    /// Seed of the cohort.
    pub seed: u64,
    /// One row per therapy and site, in the order asked.
    pub rows: Vec<CohortRow>,
}

/// Which regions make each site.
fn site_of(region: usize) -> Option<usize> {
    let name = REGIONS[region].name;
    if name == "low_back" {
        Some(0)
    } else if ["buttock", "thigh", "lower_leg", "foot"]
        .iter()
        .any(|p| name.starts_with(p))
    {
        Some(1)
    } else {
        None
    }
}

/// Site names in [`site_of`] order.
const SITES: [&str; 2] = ["back", "leg"];

/// Relief at each site (`None` where the patient has no pain there), %.
fn site_relief(patient: &Patient, pain: &Pain) -> [Option<f64>; 2] {
    let mut before = [0.0; 2];
    let mut after = [0.0; 2];
    for r in 0..REGIONS.len() {
        if let Some(site) = site_of(r) {
            before[site] += patient.pain[r];
            after[site] += pain.regions[r];
        }
    }
    [0, 1].map(|s| (before[s] > 0.0).then(|| 100.0 * (1.0 - after[s] / before[s])))
}

/// Relief of back and leg pain together (`None` without pain there), %: EVOKE's
/// responders had at least half of their overall back and leg pain relieved.
pub(crate) fn back_and_leg_relief(patient: &Patient, pain: &Pain) -> Option<f64> {
    let sites = (0..REGIONS.len()).filter(|&r| site_of(r).is_some());
    let (before, after) = sites.fold((0.0, 0.0), |(b, a), r| {
        (b + patient.pain[r], a + pain.regions[r])
    });
    (before > 0.0).then(|| 100.0 * (1.0 - after / before))
}

/// What the literature gives for a therapy at a site.
fn published(therapy: Therapy, site: usize) -> (Option<f64>, &'static str) {
    const SENZA: &str = "SENZA-RCT (Kapural 2015), responders (≥ 50 % relief) at 3 months";
    const SUNBURST: &str = "SUNBURST (Deer 2018) gives no responder rate here: mean VAS 76.7 → 36.7 with burst vs 49.2 with tonic (about 52 % vs 36 % relief)";
    match (therapy, site) {
        (Therapy::Tonic, 0) => (Some(43.8), SENZA),
        (Therapy::Tonic, _) => (Some(55.5), SENZA),
        (Therapy::HighFrequency, 0) => (Some(84.5), SENZA),
        (Therapy::HighFrequency, _) => (Some(83.1), SENZA),
        (Therapy::Burst, _) => (None, SUNBURST),
    }
}

/// 95 % Wilson score interval of `k` successes in `n`, as percentages.
pub fn wilson(k: usize, n: usize) -> (f64, f64) {
    if n == 0 {
        return (0.0, 100.0);
    }
    let z = 1.959_963_984_540_054_f64;
    let n_f = n as f64;
    let p = k as f64 / n_f;
    let denom = 1.0 + z * z / n_f;
    let centre = (p + z * z / (2.0 * n_f)) / denom;
    let half = z * (p * (1.0 - p) / n_f + z * z / (4.0 * n_f * n_f)).sqrt() / denom;
    (
        100.0 * (centre - half).max(0.0),
        100.0 * (centre + half).min(1.0),
    )
}

/// The seed of the cohort's `i`-th patient (SplitMix64 of the cohort seed and `i`).
pub(crate) fn patient_seed(seed: u64, i: usize) -> u64 {
    let mut z = seed
        .wrapping_add((i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15))
        .wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// One patient's site reliefs under each therapy (in `therapies` order).
fn patient_outcome(seed: u64, therapies: &[Therapy]) -> Vec<[Option<f64>; 2]> {
    let (patient, device) = generate::trial(seed);
    assistant::plans(&patient, &device, therapies)
        .into_iter()
        .map(|plan| match plan {
            Some(plan) => site_relief(&patient, &plan.pain),
            // Nothing can be driven: no relief where it hurts.
            None => site_relief(
                &patient,
                &crate::patient::pain(&patient, &Default::default(), 0.0),
            ),
        })
        .collect()
}

/// Runs the cohort: `patients` seeded patients, each programmed for every therapy in
/// `therapies`, on every core. Deterministic for a seed.
pub fn run(patients: usize, seed: u64, therapies: &[Therapy]) -> CohortReport {
    run_counted(patients, seed, therapies, &|| {})
}

/// [`run`], calling `done` once as each patient is finished (from any core), so a long
/// run can show its progress.
pub fn run_counted(
    patients: usize,
    seed: u64,
    therapies: &[Therapy],
    done: &(dyn Fn() + Sync),
) -> CohortReport {
    let outcomes: Vec<Vec<[Option<f64>; 2]>> = (0..patients)
        .into_par_iter()
        .map(|i| {
            let outcome = patient_outcome(patient_seed(seed, i), therapies);
            done();
            outcome
        })
        .collect();
    let mut rows = Vec::new();
    for (ti, &therapy) in therapies.iter().enumerate() {
        for (site, name) in SITES.iter().enumerate() {
            let reliefs: Vec<f64> = outcomes.iter().filter_map(|o| o[ti][site]).collect();
            let n = reliefs.len();
            let k = reliefs
                .iter()
                .filter(|&&r| r >= RESPONDER_RELIEF_PERCENT)
                .count();
            let (ci_low, ci_high) = wilson(k, n);
            let (published_percent, source) = published(therapy, site);
            rows.push(CohortRow {
                therapy,
                site: name,
                patients: n,
                responder_percent: if n > 0 {
                    100.0 * k as f64 / n as f64
                } else {
                    0.0
                },
                ci_low,
                ci_high,
                mean_relief_percent: if n > 0 {
                    reliefs.iter().sum::<f64>() / n as f64
                } else {
                    0.0
                },
                published_percent,
                source,
            });
        }
    }
    CohortReport {
        patients,
        seed,
        rows,
    }
}
