//! A virtual cohort of intrathecal morphine patients followed month by month: each seeded
//! patient (weight, starting dose, how fast tolerance grows) starts settled on a dose that
//! relieves, and at each monthly refill the clinician raises the dose by a fifth when a tenth
//! of the relief has been lost. The share whose dose rose within the course stands beside
//! the published figures (REFERENCES §7: Kumar 2001, no patient kept a constant dose;
//! Paice 1996, the mean dose about doubled from month 3 to month 24).
//!
//! The body is stepped every six hours (the pharmacology's steps are exact for a constant
//! infusion), each patient on its own core (`rayon`).

use super::cohort::wilson;
use crate::patient::pharmacology::{Delivery, Drug, Pharmacology};
use crate::patient::spine::Vertebra;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::Serialize;

/// Days between refill visits.
pub const MONTH_DAYS: f64 = 30.0;
/// Step of the body's clock, hours.
const STEP_H: f64 = 6.0;
/// Share of the relief reached at the start that may be lost before the clinician raises
/// the dose (a patient reporting the pain creeping back).
pub const RAISE_BELOW_SHARE: f64 = 0.1;
/// Share the dose is raised by at such a visit (10–20 % steps are usual; 20 % taken).
pub const RAISE_SHARE: f64 = 0.2;

/// One month of the cohort.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthRow {
    /// Months since the start.
    pub month: u32,
    /// Mean daily dose, mg.
    pub mean_dose_mg: f64,
    /// Median daily dose, mg.
    pub median_dose_mg: f64,
    /// Mean relief at the catheter tip's segment, %.
    pub mean_relief_percent: f64,
}

/// The pump cohort's result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PumpCourseReport {
    /// Patients followed.
    pub patients: usize,
    /// Seed of the cohort.
    pub seed: u64,
    /// Months followed.
    pub months: u32,
    /// One row per month, from month 0 (the start).
    pub rows: Vec<MonthRow>,
    /// Share whose dose rose during the course, %.
    pub rose_percent: f64,
    /// 95 % Wilson interval of that share, %.
    pub rose_ci: (f64, f64),
    /// Mean of each patient's final ÷ starting dose.
    pub mean_dose_ratio: f64,
    /// What the literature gives.
    pub published: &'static str,
}

/// The published figures beside the cohort's.
pub const PUBLISHED: &str = "Kumar 2001: no patient (0 of 16) kept a constant dose; Paice 1996: mean dose 6.84 → 13.19 mg/day from month 3 to month 24 (about 1.9 ×)";

/// One patient's course: (dose mg/day, relief %) at each month from 0 to `months`.
fn course(seed: u64, months: u32) -> Vec<(f64, f64)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let weight = rng.random_range(55.0..100.0);
    let mut dose: f64 = rng.random_range(0.5..4.0);
    // The catheter tip at T10 (index 16 from C1), where non-cancer back pain pumps sit.
    let tip = Vertebra::clamped(16);
    let mut body = Pharmacology::new(tip, weight, false);
    body.tolerance_pace = rng.random_range(-0.7_f64..0.7).exp();
    body.settle(Drug::Morphine, dose);
    let relief = |b: &Pharmacology| 100.0 * b.relief_at(b.tip_segment);
    let target = relief(&body);
    let mut out = vec![(dose, target)];
    let steps = (MONTH_DAYS * 24.0 / STEP_H).round() as usize;
    for _ in 0..months {
        let mut d = Delivery::default();
        d.infused_mg[Drug::Morphine.index()] = dose * STEP_H / 24.0;
        for _ in 0..steps {
            body.step(&d, STEP_H * 3600.0);
        }
        let now = relief(&body);
        if now < (1.0 - RAISE_BELOW_SHARE) * target {
            dose *= 1.0 + RAISE_SHARE;
        }
        // The month's relief, and the dose programmed at its visit.
        out.push((dose, now));
    }
    out
}

/// Runs `patients` seeded courses of `months` months on every core. Deterministic for a
/// seed.
pub fn run(patients: usize, seed: u64, months: u32) -> PumpCourseReport {
    let courses: Vec<Vec<(f64, f64)>> = (0..patients)
        .into_par_iter()
        .map(|i| course(seed.wrapping_mul(1_000_003).wrapping_add(i as u64), months))
        .collect();
    let n = courses.len().max(1) as f64;
    let rows = (0..=months as usize)
        .map(|m| {
            let mut doses: Vec<f64> = courses.iter().map(|c| c[m].0).collect();
            doses.sort_by(f64::total_cmp);
            MonthRow {
                month: m as u32,
                mean_dose_mg: doses.iter().sum::<f64>() / n,
                median_dose_mg: doses.get(doses.len() / 2).copied().unwrap_or(0.0),
                mean_relief_percent: courses.iter().map(|c| c[m].1).sum::<f64>() / n,
            }
        })
        .collect();
    // The dose programmed at the last visit against the first.
    let last = |c: &Vec<(f64, f64)>| c.last().map_or(0.0, |l| l.0);
    let rose = courses.iter().filter(|c| last(c) > c[0].0 + 1e-12).count();
    PumpCourseReport {
        patients,
        seed,
        months,
        rows,
        rose_percent: 100.0 * rose as f64 / n,
        rose_ci: wilson(rose, patients),
        mean_dose_ratio: courses.iter().map(|c| last(c) / c[0].0).sum::<f64>() / n,
        published: PUBLISHED,
    }
}
