//! The intrathecal pharmacology held to REFERENCES §7 (v3): opioid tolerance that keeps
//! growing over months and recedes over weeks, tolerance and dependence shared between
//! opioids by their equianalgesic ratio, a morphine bolus's delayed breathing effect in
//! an opioid-naïve person, ziconotide's late side effects and its start rule for anyone
//! new to it.
#![allow(clippy::unwrap_used)]

use scs_sim::implant::pump::{Mode, PumpEdit, PumpRefusal};
use scs_sim::library;
use scs_sim::patient::Patient;
use scs_sim::patient::pharmacology::effects::{Effects, Sign};
use scs_sim::patient::pharmacology::{Delivery, Drug, Pharmacology};
use scs_sim::patient::spine::Vertebra;
use scs_sim::session::{ProgrammerEdit, Refusal, Role, Session};
use std::process::Command as Process;

const WEIGHT_KG: f64 = 70.0;

fn body(naive: bool) -> Pharmacology {
    Pharmacology::new(Vertebra::parse("T10").unwrap(), WEIGHT_KG, naive)
}

fn patient() -> Patient {
    library::open("pump-cancer-morphine").unwrap().0
}

/// Runs `days` of a continuous infusion (mg/day per drug) in steps of an hour.
fn infuse(ph: &mut Pharmacology, mg_per_day: &[(Drug, f64)], days: f64) {
    let mut d = Delivery::default();
    for &(drug, mg) in mg_per_day {
        d.infused_mg[drug.index()] = mg / 24.0;
    }
    for _ in 0..(days * 24.0).round() as usize {
        ph.step(&d, 3600.0);
    }
}

fn relief(ph: &Pharmacology) -> f64 {
    ph.relief_at(ph.tip_segment)
}

// ---- tolerance over months ----

/// Paice, Penn & Shott 1996 (dose still doubling from month 3 to month 24) and Kumar,
/// Kelly & Pirlot 2001 (no patient kept a constant dose): at an unchanged dose relief
/// keeps fading over months, not only in the first week.
#[test]
fn relief_at_a_fixed_morphine_dose_keeps_fading_over_months() {
    let mut ph = body(false);
    let dose = [(Drug::Morphine, 3.0)];
    infuse(&mut ph, &dose, 14.0);
    let two_weeks = relief(&ph);
    infuse(&mut ph, &dose, 46.0);
    let two_months = relief(&ph);
    infuse(&mut ph, &dose, 120.0);
    let six_months = relief(&ph);
    assert!(
        two_months < 0.92 * two_weeks,
        "{two_weeks:.3} → {two_months:.3}"
    );
    assert!(
        six_months < 0.95 * two_months,
        "{two_months:.3} → {six_months:.3}"
    );
    assert!(six_months > 0.1, "tolerance is not total: {six_months:.3}");
}

/// REFERENCES §7: after a dose cut sensitivity returns slowly (days–weeks), so relief at
/// the lower dose improves over weeks rather than at once.
#[test]
fn after_a_dose_cut_sensitivity_returns_over_weeks() {
    let mut ph = body(false);
    infuse(&mut ph, &[(Drug::Morphine, 6.0)], 180.0);
    let low = [(Drug::Morphine, 3.0)];
    infuse(&mut ph, &low, 1.0);
    let day_1 = relief(&ph);
    infuse(&mut ph, &low, 6.0);
    let week_1 = relief(&ph);
    infuse(&mut ph, &low, 23.0);
    let month_1 = relief(&ph);
    assert!(
        day_1 < week_1 && week_1 < month_1,
        "{day_1:.3} {week_1:.3} {month_1:.3}"
    );
    assert!(month_1 > 1.15 * day_1, "{day_1:.3} → {month_1:.3}");
}

// ---- switching opioids ----

/// The worst of `days` after a switch, sampled hourly: (most sedation, lowest breathing
/// rate, worst withdrawal, least relief).
fn after_switch(ph: &mut Pharmacology, to: &[(Drug, f64)], days: f64) -> (f64, f64, f64, f64) {
    let p = patient();
    let mut worst = (0.0_f64, f64::INFINITY, 0.0_f64, f64::INFINITY);
    for _ in 0..(days * 24.0) as usize {
        infuse(ph, to, 1.0 / 24.0);
        let e: Effects = ph.effects(&p);
        worst.0 = worst.0.max(e.sedation);
        worst.1 = worst.1.min(e.vitals.respiratory_rate_per_min);
        worst.2 = worst.2.max(e.withdrawal);
        worst.3 = worst.3.min(relief(ph));
        assert!(
            !e.has(Sign::OpioidWithdrawal) && !e.has(Sign::RespiratoryDepression),
            "{:?}",
            e.signs
        );
    }
    worst
}

/// Anderson, Cooke & Burchiel 2001 (morphine to hydromorphone), PACC (hydromorphone ≈
/// 5 × morphine) and the switch rule (start 25–50 % below the equianalgesic dose, Fast
/// Facts #36): a tolerant patient switched at a reduced equivalent dose shows neither
/// overdose (shared tolerance) nor withdrawal (shared dependence), at worst some pain;
/// the same switch at the full equivalent dose acts more strongly (incomplete
/// cross-tolerance), and a stop gives withdrawal.
#[test]
fn a_switch_at_the_reduced_equivalent_dose_gives_neither_overdose_nor_withdrawal() {
    let mut tolerant = body(false);
    infuse(&mut tolerant, &[(Drug::Morphine, 10.0)], 120.0);
    let before = relief(&tolerant);
    let sedation_before = tolerant.effects(&patient()).sedation;
    // 10 mg morphine ≈ 2 mg hydromorphone; 25 % less: 1.5 mg.
    let mut reduced = tolerant.clone();
    let r = after_switch(&mut reduced, &[(Drug::Hydromorphone, 1.5)], 7.0);
    assert!(r.2 < 0.15, "withdrawal {:.2}", r.2);
    assert!(r.0 < sedation_before + 0.1, "sedation {:.2}", r.0);
    assert!(
        r.3 > 0.6 * before,
        "some pain at worst: {before:.2} → {:.2}",
        r.3
    );
    let mut full = tolerant.clone();
    let f = after_switch(&mut full, &[(Drug::Hydromorphone, 2.0)], 2.0);
    assert!(f.0 > r.0, "full {:.3} vs reduced {:.3}", f.0, r.0);
    // Without another opioid, the same fall gives withdrawal.
    let mut stopped = tolerant;
    infuse(&mut stopped, &[], 2.0);
    assert!(stopped.effects(&patient()).has(Sign::OpioidWithdrawal));
}

/// Cross-tolerance is incomplete (Anderson, Cooke & Burchiel 2001: rotation recaptured
/// relief in some): the new opioid at its equianalgesic dose relieves more than the old
/// one did at the end.
#[test]
fn the_new_opioid_works_a_little_better_than_its_ratio_predicts() {
    let mut ph = body(false);
    infuse(&mut ph, &[(Drug::Morphine, 10.0)], 180.0);
    let morphine = relief(&ph);
    infuse(&mut ph, &[(Drug::Hydromorphone, 2.0)], 2.0);
    let hydromorphone = relief(&ph);
    assert!(
        hydromorphone > morphine + 0.01,
        "{morphine:.3} → {hydromorphone:.3}"
    );
}

// ---- a bolus in an opioid-naïve person ----

/// Lowest breathing rate within a day after a morphine bolus of `mg`, and when, hours.
fn bolus_nadir(ph: &mut Pharmacology, mg: f64) -> (f64, f64, bool) {
    let p = patient();
    let mut d = Delivery::default();
    d.bolus_mg[Drug::Morphine.index()] = mg;
    ph.step(&d, 60.0);
    let (mut low, mut at, mut sedated) = (f64::INFINITY, 0.0, false);
    for minute in 1..(24 * 60) {
        ph.step(&Delivery::default(), 60.0);
        let e = ph.effects(&p);
        sedated |= e.has(Sign::Sedation);
        if e.vitals.respiratory_rate_per_min < low {
            (low, at) = (e.vitals.respiratory_rate_per_min, minute as f64 / 60.0);
        }
    }
    (low, at, sedated)
}

/// Bailey et al. 1993 (0.2–0.6 mg in volunteers: dose-dependent, delayed, deepest hours
/// later), the 2–24 h onset of serious events (Pain Res Manag 2022) and the teaching shape
/// of REFERENCES §7: 0.6 mg slows a naïve person's breathing by several breaths/min hours
/// later, with sedation; 1 mg takes it below 10/min; a tolerant pump patient barely
/// notices the same bolus.
#[test]
fn a_morphine_bolus_slows_naive_breathing_by_several_breaths_hours_later() {
    let rest = 14.0;
    let (low, at, sedated) = bolus_nadir(&mut body(true), 0.6);
    assert!(rest - low >= 2.5, "0.6 mg: {low:.1}/min");
    assert!((3.5..=24.0).contains(&at), "0.6 mg: deepest at {at:.1} h");
    assert!(sedated);
    let (low_1mg, _, _) = bolus_nadir(&mut body(true), 1.0);
    assert!(low_1mg < 10.0, "1 mg: {low_1mg:.1}/min");
    let (low_02, _, _) = bolus_nadir(&mut body(true), 0.2);
    assert!(low_02 > low && low_02 > 12.0, "0.2 mg: {low_02:.1}/min");
    let mut tolerant = body(false);
    tolerant.settle(Drug::Morphine, 10.0);
    let before = tolerant.effects(&patient()).vitals.respiratory_rate_per_min;
    let (low_t, _, _) = bolus_nadir(&mut tolerant, 0.6);
    assert!(before - low_t < 1.0, "tolerant: {before:.1} → {low_t:.1}");
}

// ---- ziconotide ----

/// Prialt label (a lag between a dose change and its effects; CSF half-life 4.6 h) and
/// Webster 2001 (confusion first seen weeks into treatment): at a dose that confuses,
/// the CSF level is reached within a day but the side effects come days later.
#[test]
fn ziconotide_side_effects_lag_its_level_by_days() {
    let p = patient();
    let mut ph = body(false);
    let dose = [(Drug::Ziconotide, 0.0192)];
    infuse(&mut ph, &dose, 1.0);
    let steady = Drug::Ziconotide.steady_csf_ng_per_ml(0.0192, WEIGHT_KG);
    assert!(ph.csf_ng_per_ml(Drug::Ziconotide) > 0.9 * steady);
    let e = ph.effects(&p);
    assert!(
        !e.has(Sign::Confusion) && !e.has(Sign::Dizziness),
        "{:?}",
        e.signs
    );
    infuse(&mut ph, &dose, 2.0);
    assert!(ph.effects(&p).has(Sign::Dizziness));
    infuse(&mut ph, &dose, 7.0);
    assert!(ph.effects(&p).has(Sign::Confusion));
}

/// Prialt label / PACC: anyone new to ziconotide starts at 2.4 µg/day or less, whatever
/// the pump held before; a morphine pump cannot become a ziconotide pump at its old dose.
#[test]
fn the_ziconotide_start_rule_applies_to_a_morphine_patient_s_new_fill() {
    let (p, i) = library::open("pump-cancer-morphine").unwrap();
    let mut s = Session::hosting(p, i, Role::Clinician, 1);
    let edit = |s: &mut Session, e: PumpEdit| s.apply_as(Role::Clinician, ProgrammerEdit::Pump(e));
    let to_zico = PumpEdit::SetDrug {
        drug: Drug::Ziconotide,
        concentration_mg_per_ml: 0.025,
    };
    assert!(matches!(
        edit(&mut s, to_zico.clone()),
        Err(Refusal::Pump(PumpRefusal::Ziconotide(_)))
    ));
    edit(&mut s, PumpEdit::SetMode(Mode::Stopped)).unwrap();
    edit(&mut s, to_zico).unwrap();
    assert!(edit(&mut s, PumpEdit::SetDailyDose(0.0096)).is_err());
    edit(&mut s, PumpEdit::SetDailyDose(0.0024)).unwrap();
    // On the command line the refusal names the flag and the rule.
    let run = |rate: &str| {
        Process::new(env!("CARGO_BIN_EXE_scs-sim"))
            .args([
                "eval",
                "--patient",
                "pump-cancer-morphine",
                "--drug",
                "ziconotide",
                "--concentration-mg-per-ml",
                "0.025",
                "--rate-ml-per-day",
                rate,
            ])
            .output()
            .unwrap()
    };
    let refused = run("0.384");
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success());
    assert!(
        err.contains("--rate-ml-per-day") && err.contains("starts at 2.4"),
        "{err}"
    );
    assert!(run("0.096").status.success());
}
