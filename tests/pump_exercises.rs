//! The drug-pump exercises (graded from the replay, as `scs-sim score` does): each attempt
//! starts failing its goal, doing nothing scores under 25, the attempt's own expert way
//! scores over 85, and where the exercise varies another attempt's way, copied, passes at
//! most 10 of 50 pairs (`pump-mri` in tests/pump_mri.rs).
#![allow(clippy::unwrap_used)]

use scs_sim::device::safety::WarningCode;
use scs_sim::implant::pump::rules::ZICONOTIDE_STEP_MG;
use scs_sim::implant::pump::{
    BolusLimits, Kit, Mode, Port, PumpEdit, PumpImplant, PumpKey, RefillStep,
};
use scs_sim::patient::pharmacology::Drug;
use scs_sim::patient::pharmacology::effects::Sign;
use scs_sim::session::record::Recording;
use scs_sim::session::{ProgrammerEdit, RemoteKey, Role, Session};
use scs_sim::training::exercise::{self, Exercise};
use scs_sim::training::expert::{WATCH_DAYS, careful_titration, play_titration};
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

/// Attempt `seed` starts failing its goal, and doing nothing to 90 % of its budget scores
/// under 25.
fn starts_failing_and_idle_scores_low(e: &Exercise, start: &Session, seed: u64) {
    assert!(!graded(e, start).goal_met, "seed {seed} starts met");
    let mut idle = start.clone();
    idle.advance_to(e.time_budget_s * 0.9);
    assert!(graded(e, &idle).score < 25, "seed {seed}: idle");
}

/// The expert way of attempt `seed` met the goal and scored over 85.
fn passed_well(r: &ScoreReport, seed: u64) {
    assert!(
        r.goal_met && r.score > 85,
        "seed {seed}: the expert way scored {} ({})",
        r.score,
        r.goal_detail
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
    let (rx, full) = (the_pump(&s).prescribed, the_pump(&s).capacity_ml);
    for e in [
        RefillStep::Fill {
            drug: rx.drug,
            concentration_mg_per_ml: rx.concentration_mg_per_ml,
            volume_ml: full,
        },
        RefillStep::RemoveNeedle,
        RefillStep::Finish { volume_ml: full },
    ] {
        run(&mut s, PumpEdit::Refill(e));
    }
    plan
}

/// `plan` played on `start` at once (a refused step is left out), then on to `until_s`.
fn played(start: &Session, plan: &[PumpEdit], until_s: f64) -> Session {
    let mut s = start.clone();
    for e in plan {
        let _ = s.apply(ProgrammerEdit::Pump(e.clone()));
    }
    s.advance_to(until_s);
    s
}

/// `plan` played on `start`, ten minutes on.
fn refilled(start: &Session, plan: &[PumpEdit]) -> Session {
    played(start, plan, 600.0)
}

/// Of 50 pairs of attempts, how many the expert way planned for one passes when played,
/// copied, on the other.
fn copies_passing(e: &Exercise, plan: impl Fn(&Session) -> Vec<PumpEdit>, until_s: f64) -> usize {
    let passed = (0..50u64)
        .filter(|i| {
            let theirs = plan(&e.start_attempt(2000 + i).unwrap());
            let mine = e.start_attempt(3000 + i).unwrap();
            graded(e, &played(&mine, &theirs, until_s)).goal_met
        })
        .count();
    eprintln!(
        "{}: another attempt's expert way passes {passed} of 50",
        e.id
    );
    passed
}

#[test]
fn refill_with_the_attempts_prescription_a_missed_septum_and_a_discrepancy_if_any() {
    let e = exercise::find("pump-refill").unwrap();
    let (mut flagged, mut concentrations) = (0, Vec::new());
    for seed in SEEDS {
        let start = e.start_attempt(seed).unwrap();
        starts_failing_and_idle_scores_low(&e, &start, seed);
        let plan = refill_plan(&start);
        let flags = plan.contains(&PumpEdit::Refill(RefillStep::FlagDiscrepancy));
        flagged += usize::from(flags);
        concentrations.push(the_pump(&start).programmed.concentration_mg_per_ml);
        let r = graded(&e, &refilled(&start, &plan));
        passed_well(&r, seed);
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
    let passed = copies_passing(&e, refill_plan, 600.0);
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

/// The expert's change to the attempt's new order: a refill with the ordered concentration,
/// the programmer told it, and (with `bridge`) a bridge bolus for the old drug in the line.
fn concentration_plan(start: &Session, bridge: bool) -> Vec<PumpEdit> {
    let order = the_pump(start).prescribed;
    let mut plan = refill_plan(start);
    plan.push(PumpEdit::SetDrug {
        drug: order.drug,
        concentration_mg_per_ml: order.concentration_mg_per_ml,
    });
    if bridge {
        plan.push(PumpEdit::BridgeBolus);
    }
    plan
}

#[test]
fn concentration_change_to_each_attempts_order_with_a_bridge_bolus() {
    let e = exercise::find("pump-concentration-change").unwrap();
    let mut orders = Vec::new();
    for seed in SEEDS {
        let start = e.start_attempt(seed).unwrap();
        orders.push(the_pump(&start).prescribed.concentration_mg_per_ml);
        starts_failing_and_idle_scores_low(&e, &start, seed);
        let r = graded(
            &e,
            &played(&start, &concentration_plan(&start, true), 1.5 * DAY),
        );
        passed_well(&r, seed);
        // Without the bridge the old drug surges out at several times the dose.
        let r = graded(
            &e,
            &played(&start, &concentration_plan(&start, false), 1.5 * DAY),
        );
        assert!(!r.goal_met, "seed {seed}: no bridge: {}", r.goal_detail);
    }
    orders.sort_by(f64::total_cmp);
    orders.dedup();
    assert!(orders.len() >= 4, "the orders differ: {orders:?}");
    let passed = copies_passing(&e, |s| concentration_plan(s, true), 1.5 * DAY);
    assert!(
        passed <= 10,
        "another attempt's change passes {passed} of 50"
    );
}

#[test]
fn ziconotide_titrated_to_each_patients_own_dose_and_not_a_copied_one() {
    let e = exercise::find("pump-ziconotide-titration").unwrap();
    let budget = e.time_budget_s;
    let mut ends = Vec::new();
    for seed in SEEDS {
        let start = e.start_attempt(seed).unwrap();
        starts_failing_and_idle_scores_low(&e, &start, seed);
        let plan = careful_titration(&start, 20.0, budget);
        ends.push(plan.last().unwrap().1);
        let r = graded(&e, &play_titration(&start, &plan, 0.95 * budget));
        passed_well(&r, seed);
        // Two steps more than it needed: drug the patient does not need.
        let mut more = plan.clone();
        let (day, mg) = *plan.last().unwrap();
        more.push((day + WATCH_DAYS, mg + ZICONOTIDE_STEP_MG));
        more.push((day + 2.0 * WATCH_DAYS, mg + 2.0 * ZICONOTIDE_STEP_MG));
        let r = graded(&e, &play_titration(&start, &more, 0.95 * budget));
        assert!(
            !r.goal_met,
            "seed {seed}: two steps too far: {}",
            r.goal_detail
        );
    }
    ends.sort_by(f64::total_cmp);
    ends.dedup();
    assert!(ends.len() >= 3, "the doses that relieve differ: {ends:?}");
    // Another attempt's titration, copied day by day.
    let passed = (0..50u64)
        .filter(|i| {
            let theirs = careful_titration(&e.start_attempt(2000 + i).unwrap(), 20.0, budget);
            let mine = e.start_attempt(3000 + i).unwrap();
            graded(&e, &play_titration(&mine, &theirs, 0.95 * budget)).goal_met
        })
        .count();
    eprintln!(
        "{}: another attempt's expert way passes {passed} of 50",
        e.id
    );
    assert!(
        passed <= 10,
        "another attempt's titration passes {passed} of 50"
    );
}

/// The expert's way with baclofen withdrawal, from what the interrogation shows against the
/// order on file: a stopped pump started, a concentration or dose slip set back, and
/// otherwise (a low reservoir, or nothing wrong to be seen) a refill, whose aspirate
/// shows a reservoir that ran dry early.
fn withdrawal_plan(start: &Session) -> Vec<PumpEdit> {
    let p = the_pump(start);
    let mend = if p.mode == Mode::Stopped {
        PumpEdit::SetMode(Mode::SimpleContinuous)
    } else if p.programmed != p.prescribed {
        PumpEdit::SetDrug {
            drug: p.prescribed.drug,
            concentration_mg_per_ml: p.prescribed.concentration_mg_per_ml,
        }
    } else if (p.daily_dose_mg - p.prescribed_dose_mg).abs() > 1e-9 {
        PumpEdit::SetDailyDose(p.prescribed_dose_mg)
    } else {
        return refill_plan(start);
    };
    vec![PumpEdit::Interrogate, mend]
}

#[test]
fn baclofen_withdrawal_found_and_mended_whatever_stopped_it() {
    let e = exercise::find("pump-baclofen-withdrawal").unwrap();
    let mut mends = std::collections::BTreeSet::new();
    for seed in SEEDS {
        let start = e.start_attempt(seed).unwrap();
        starts_failing_and_idle_scores_low(&e, &start, seed);
        let plan = withdrawal_plan(&start);
        mends.insert(
            format!("{:?}", plan[1])
                .chars()
                .take(12)
                .collect::<String>(),
        );
        let r = graded(&e, &played(&start, &plan, DAY));
        passed_well(&r, seed);
    }
    assert!(mends.len() >= 3, "the causes differ: {mends:?}");
    let passed = copies_passing(&e, withdrawal_plan, DAY);
    assert!(passed <= 10, "another attempt's mend passes {passed} of 50");
}

/// Attempt seeds each varied pump exercise is played on.
const SEEDS: std::ops::Range<u64> = 1000..1020;

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
        starts_failing_and_idle_scores_low(&e, &start, seed);
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
        passed_well(&r, seed);
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
    let bolus_plan = |s: &Session| vec![PumpEdit::SetBolus(Some(ordered_bolus(s)))];
    let passed = copies_passing(&e, bolus_plan, 300.0);
    assert!(
        passed <= 10,
        "another attempt's bolus passes {passed} of 50"
    );
}

/// A scene the exercise cannot play, a new order out of range, or a dose variation out of
/// range is a problem of the file, named, not a variant quietly never dealt.
#[test]
fn bad_scenes_and_dose_variations_are_refused_when_the_file_is_read() {
    use scs_sim::training::exercise::{BUILT_IN, parse_exercise};
    let text = |id: &str| BUILT_IN.iter().find(|(i, _)| *i == id).unwrap().1;
    let cases = [
        (
            "pump-concentration-change",
            "NewOrder(8.0)",
            "NewOrder(500.0)",
            "scene 5 command 1 (New order: 500 mg/mL) is refused: concentration 500 mg/mL",
        ),
        (
            "pump-baclofen-withdrawal",
            "SetDailyDose(0.1)",
            "SetDailyDose(-1.0)",
            "scene 4 command 2",
        ),
        (
            "pump-baclofen-withdrawal",
            "prescribed_dose_percent: 40",
            "prescribed_dose_percent: 80",
            "prescribed_dose_percent 80 is outside 0–60",
        ),
    ];
    for (id, good, bad, says) in cases {
        let original = text(id);
        assert!(original.contains(good), "{id}: {good}");
        let e = parse_exercise(std::path::Path::new("x.ron"), &original.replace(good, bad))
            .err()
            .unwrap_or_else(|| panic!("{id}: {bad} was accepted"))
            .to_string();
        assert!(e.contains(says), "{id}: {bad}: {e}");
    }
}
