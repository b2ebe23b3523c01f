//! The four drug-pump exercises: each starts failing its goal, doing nothing scores under
//! 40, and the expert way scores over 85 (graded from the replay, as `scs-sim score` does).
#![allow(clippy::unwrap_used)]

use scs_sim::device::safety::WarningCode;
use scs_sim::implant::pump::{BolusLimits, Kit, Port, PumpEdit, PumpImplant, PumpKey, RefillStep};
use scs_sim::patient::pharmacology::Drug;
use scs_sim::patient::pharmacology::effects::Sign;
use scs_sim::session::record::Recording;
use scs_sim::session::{ProgrammerEdit, RemoteKey, Role, Session};
use scs_sim::training::exercise::{self, Exercise};
use scs_sim::training::score::{ScoreReport, score};

const DAY: f64 = 86_400.0;

fn start(id: &str) -> (Exercise, Session) {
    let e = exercise::find(id).unwrap();
    let s = e.start_session().unwrap();
    (e, s)
}

fn graded(e: &Exercise, s: &Session) -> ScoreReport {
    let rec = Recording::of(s, &e.patient);
    score(e, &rec).unwrap()
}

fn go(s: &mut Session, e: PumpEdit) {
    s.apply(ProgrammerEdit::Pump(e)).unwrap();
}

fn step(s: &mut Session, r: RefillStep) {
    go(s, PumpEdit::Refill(r));
}

fn needle_in(s: &mut Session) {
    step(
        s,
        RefillStep::InsertNeedle {
            port: Port::Reservoir,
            kit: Kit::Refill,
        },
    );
}

fn fill(s: &mut Session, drug: Drug, conc: f64, ml: f64) {
    step(
        s,
        RefillStep::Fill {
            drug,
            concentration_mg_per_ml: conc,
            volume_ml: ml,
        },
    );
    step(s, RefillStep::RemoveNeedle);
    step(s, RefillStep::Finish { volume_ml: ml });
}

fn check(id: &str, expert: impl Fn(&mut Session)) {
    let (e, s) = start(id);
    let at_start = graded(&e, &s);
    assert!(
        !at_start.goal_met,
        "{id} starts failing: {}",
        at_start.goal_detail
    );
    let mut idle = s.clone();
    idle.advance_to(e.time_budget_s);
    let nothing = graded(&e, &idle);
    assert!(
        nothing.score < 40,
        "{id}: doing nothing scored {} ({})",
        nothing.score,
        nothing.goal_detail
    );
    let mut done = s.clone();
    expert(&mut done);
    let r = graded(&e, &done);
    assert!(
        r.goal_met && r.score > 85,
        "{id}: the expert way scored {} ({}; {:?})",
        r.score,
        r.goal_detail,
        r.criteria
    );
}

/// The pump of a session.
fn the_pump(s: &Session) -> &scs_sim::implant::pump::Pump {
    &s.implant().downcast_ref::<PumpImplant>().unwrap().pump
}

/// The expert's refill of an attempt, read from it as it goes: the prescription from the
/// interrogation, the needle tried again while the syringe stays empty, the discrepancy
/// flagged only when the aspirate differs from the expected residual by over the limit.
fn refill_plan(start: &Session) -> Vec<PumpEdit> {
    let mut s = start.clone();
    let mut plan = Vec::new();
    let mut run = |s: &mut Session, e: PumpEdit| {
        go(s, e.clone());
        plan.push(e);
    };
    let needle = PumpEdit::Refill(RefillStep::InsertNeedle {
        port: Port::Reservoir,
        kit: Kit::Refill,
    });
    run(&mut s, PumpEdit::Interrogate);
    run(&mut s, PumpEdit::Refill(RefillStep::Begin));
    run(&mut s, needle.clone());
    run(&mut s, PumpEdit::Refill(RefillStep::Aspirate));
    for _ in 0..5 {
        let back = the_pump(&s).refill.as_ref().unwrap().returned_ml;
        if back.is_some_and(|ml| ml > 0.0) {
            break;
        }
        run(&mut s, PumpEdit::Refill(RefillStep::RemoveNeedle));
        run(&mut s, needle.clone());
        run(&mut s, PumpEdit::Refill(RefillStep::Aspirate));
    }
    let r = the_pump(&s).refill.clone().unwrap();
    let limit = the_pump(&s).discrepancy_limit_ml();
    if (r.returned_ml.unwrap() - r.expected_ml).abs() > limit {
        run(&mut s, PumpEdit::Refill(RefillStep::FlagDiscrepancy));
    }
    let rx = the_pump(&s).programmed;
    for e in [
        RefillStep::Fill {
            drug: rx.drug,
            concentration_mg_per_ml: rx.concentration_mg_per_ml,
            volume_ml: 20.0,
        },
        RefillStep::RemoveNeedle,
        RefillStep::Finish { volume_ml: 20.0 },
    ] {
        run(&mut s, PumpEdit::Refill(e));
    }
    plan
}

/// `plan` played on `start` (a refused step is left out), ten minutes on.
fn refilled(start: &Session, plan: &[PumpEdit]) -> Session {
    let mut s = start.clone();
    for e in plan {
        let _ = s.apply(ProgrammerEdit::Pump(e.clone()));
    }
    s.advance_to(600.0);
    s
}

#[test]
fn refill_with_the_attempts_prescription_a_missed_septum_and_a_discrepancy_if_any() {
    let e = exercise::find("pump-refill").unwrap();
    let (mut flagged, mut concentrations) = (0, Vec::new());
    for seed in SEEDS {
        let start = e.start_attempt(seed).unwrap();
        assert!(!graded(&e, &start).goal_met, "seed {seed} starts met");
        let mut idle = start.clone();
        idle.advance_to(e.time_budget_s * 0.9);
        assert!(graded(&e, &idle).score < 25, "seed {seed}: idle");
        let plan = refill_plan(&start);
        let flags = plan.contains(&PumpEdit::Refill(RefillStep::FlagDiscrepancy));
        flagged += usize::from(flags);
        concentrations.push(the_pump(&start).programmed.concentration_mg_per_ml);
        let r = graded(&e, &refilled(&start, &plan));
        assert!(
            r.goal_met && r.score > 85,
            "seed {seed}: the expert way scored {} ({})",
            r.score,
            r.goal_detail
        );
        // The flag the other way round: a needless one, or a discrepancy let pass.
        let mut other: Vec<PumpEdit> = plan
            .iter()
            .filter(|e| **e != PumpEdit::Refill(RefillStep::FlagDiscrepancy))
            .cloned()
            .collect();
        if !flags {
            other.insert(
                other.len() - 3,
                PumpEdit::Refill(RefillStep::FlagDiscrepancy),
            );
        }
        assert!(
            !graded(&e, &refilled(&start, &other)).goal_met,
            "seed {seed}: the flag reversed"
        );
    }
    concentrations.sort_by(f64::total_cmp);
    concentrations.dedup();
    assert!(
        (3..=SEEDS.count() - 3).contains(&flagged) && concentrations.len() >= 3,
        "the attempts differ: {flagged} flagged, concentrations {concentrations:?}"
    );
    // Filling through the needle that returned nothing is a pocket fill: the goal fails.
    let start = e.start_attempt(SEEDS.start).unwrap();
    let pocket: Vec<PumpEdit> = refill_plan(&start)
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !(4..7).contains(i))
        .map(|(_, e)| e)
        .collect();
    assert!(!graded(&e, &refilled(&start, &pocket)).goal_met);
    // Another attempt's refill, copied.
    let passed = (0..50u64)
        .filter(|i| {
            let theirs = refill_plan(&e.start_attempt(2000 + i).unwrap());
            let mine = e.start_attempt(3000 + i).unwrap();
            graded(&e, &refilled(&mine, &theirs)).goal_met
        })
        .count();
    eprintln!("pump-refill: another attempt's refill passes {passed} of 50");
    assert!(
        passed <= 10,
        "another attempt's refill passes {passed} of 50"
    );
}

/// A fill at another concentration, then the programmer told that one to match: the
/// prescription is the patient's (as the pump was set up), not whatever the programmer
/// says now.
#[test]
fn a_wrong_fill_is_not_made_right_by_telling_the_programmer() {
    let e = exercise::find("pump-refill").unwrap();
    let start = e.start_attempt(SEEDS.start).unwrap();
    let rx = the_pump(&start).prescribed;
    let wrong = if rx.concentration_mg_per_ml == 2.0 {
        4.0
    } else {
        2.0
    };
    let mismatched: Vec<PumpEdit> = refill_plan(&start)
        .into_iter()
        .map(|step| match step {
            PumpEdit::Refill(RefillStep::Fill {
                drug, volume_ml, ..
            }) => PumpEdit::Refill(RefillStep::Fill {
                drug,
                concentration_mg_per_ml: wrong,
                volume_ml,
            }),
            other => other,
        })
        .chain([PumpEdit::SetDrug {
            drug: rx.drug,
            concentration_mg_per_ml: wrong,
        }])
        .collect();
    let fooled = refilled(&start, &mismatched);
    assert_eq!(the_pump(&fooled).programmed.concentration_mg_per_ml, wrong);
    assert!(
        !graded(&e, &fooled).goal_met,
        "a wrong fill made to match the programmer"
    );
}

#[test]
fn a_pocket_fill_fails_the_goal_and_safety_and_the_patient_shows_it() {
    let (e, mut s) = start("pump-refill");
    go(&mut s, PumpEdit::Interrogate);
    step(&mut s, RefillStep::Begin);
    // The first needle misses the septum (the exercise says so); it reads as aimed only.
    needle_in(&mut s);
    fill(&mut s, Drug::Hydromorphone, 10.0, 20.0);
    let alerts = s.view().alerts;
    assert!(
        alerts
            .iter()
            .any(|w| w.code == WarningCode::MisplacedInjection),
        "{alerts:?}"
    );
    s.advance_to(4.0 * 3600.0);
    let pump = s.implant().downcast_ref::<PumpImplant>().unwrap();
    let effects = pump.effects(&s.patient);
    assert!(
        effects.has(Sign::Sedation) || effects.has(Sign::RespiratoryDepression),
        "200 mg of hydromorphone in the pocket shows as an overdose within hours"
    );
    let r = graded(&e, &s);
    let safety = r.criteria.iter().find(|c| c.name == "Safety").unwrap();
    assert!(
        !r.goal_met && r.score < 40,
        "{} ({})",
        r.score,
        r.goal_detail
    );
    assert!(
        safety.detail.contains("outside the reservoir"),
        "{}",
        safety.detail
    );
}

fn change_concentration(s: &mut Session, bridge: bool) {
    go(s, PumpEdit::Interrogate);
    step(s, RefillStep::Begin);
    needle_in(s);
    step(s, RefillStep::Aspirate);
    fill(s, Drug::Morphine, 10.0, 40.0);
    go(
        s,
        PumpEdit::SetDrug {
            drug: Drug::Morphine,
            concentration_mg_per_ml: 10.0,
        },
    );
    if bridge {
        go(s, PumpEdit::BridgeBolus);
    }
    s.advance_to(1.5 * DAY);
}

#[test]
fn concentration_change_with_a_bridge_bolus() {
    check("pump-concentration-change", |s| {
        change_concentration(s, true)
    });
    // Without the bridge the old drug surges out at 2.5 times the dose.
    let (e, mut s) = start("pump-concentration-change");
    change_concentration(&mut s, false);
    let r = graded(&e, &s);
    assert!(!r.goal_met, "{}", r.goal_detail);
}

#[test]
fn ziconotide_titrated_over_weeks() {
    check("pump-ziconotide-titration", |s| {
        for (day, ug) in [(0.0, 3.6), (3.0, 6.0), (6.0, 8.4), (10.0, 10.8)] {
            s.advance_to(day * DAY);
            go(s, PumpEdit::SetDailyDose(ug / 1000.0));
        }
        s.advance_to(17.0 * DAY);
    });
}

#[test]
fn baclofen_withdrawal_caught_by_a_refill() {
    check("pump-baclofen-withdrawal", |s| {
        go(s, PumpEdit::Interrogate);
        step(s, RefillStep::Begin);
        needle_in(s);
        step(s, RefillStep::Aspirate);
        fill(s, Drug::Baclofen, 0.5, 20.0);
        s.advance_to(DAY);
    });
}

/// Attempt seeds each varied pump exercise is played on.
const SEEDS: std::ops::Range<u64> = 1000..1010;

/// The daily dose the pump of this attempt gives, mg/day.
fn daily_dose(s: &Session) -> f64 {
    s.implant()
        .downcast_ref::<PumpImplant>()
        .unwrap()
        .pump
        .daily_dose_mg
}

/// The bolus the order asks for on this attempt: 10 % of its daily dose (to 0.01 mg),
/// 4 h apart, at most 4 a day.
fn ordered_bolus(s: &Session) -> BolusLimits {
    BolusLimits {
        dose_mg: (daily_dose(s) * 10.0).round() / 100.0,
        lockout_h: 4.0,
        max_per_day: 4,
    }
}

#[test]
fn a_patient_bolus_within_the_order_on_every_attempt_and_not_a_copied_one() {
    let e = exercise::find("pump-bolus").unwrap();
    let mut doses = Vec::new();
    for seed in SEEDS {
        let start = e.start_attempt(seed).unwrap();
        doses.push(daily_dose(&start));
        let r = graded(&e, &start);
        assert!(!r.goal_met, "seed {seed} starts met: {}", r.goal_detail);
        let mut idle = start.clone();
        idle.advance_to(e.time_budget_s * 0.9);
        assert!(graded(&e, &idle).score < 25, "seed {seed}: idle");
        // The patient's remote alone: boluses pressed, no limits set.
        let mut remote = start.clone();
        let _ = remote.apply_as(Role::Patient, RemoteKey::Pump(PumpKey::Bolus));
        remote.advance_to(600.0);
        assert!(
            !graded(&e, &remote).goal_met,
            "seed {seed}: the remote alone"
        );
        let mut done = start.clone();
        done.advance_to(60.0);
        go(&mut done, PumpEdit::Interrogate);
        let bolus = ordered_bolus(&done);
        go(&mut done, PumpEdit::SetBolus(Some(bolus)));
        done.advance_to(300.0);
        let r = graded(&e, &done);
        assert!(
            r.goal_met && r.score > 85,
            "seed {seed}: the expert way scored {} ({})",
            r.score,
            r.goal_detail
        );
        // Too many a day: 5 × 10 % is over the order's 40 %.
        let mut greedy = start.clone();
        go(
            &mut greedy,
            PumpEdit::SetBolus(Some(BolusLimits {
                max_per_day: 5,
                ..bolus
            })),
        );
        assert!(!graded(&e, &greedy).goal_met, "seed {seed}: five a day");
    }
    doses.dedup();
    assert!(doses.len() >= 5, "the daily dose varies: {doses:?}");
    // Another attempt's bolus, copied.
    let passed = (0..50u64)
        .filter(|i| {
            let theirs = ordered_bolus(&e.start_attempt(2000 + i).unwrap());
            let mut s = e.start_attempt(3000 + i).unwrap();
            go(&mut s, PumpEdit::SetBolus(Some(theirs)));
            graded(&e, &s).goal_met
        })
        .count();
    eprintln!("pump-bolus: another attempt's bolus passes {passed} of 50");
    assert!(
        passed <= 10,
        "another attempt's bolus passes {passed} of 50"
    );
}
