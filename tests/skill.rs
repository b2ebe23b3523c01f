//! Exercises take skill: for every built-in exercise (the list is looped over, so new ones
//! are held to it too) the expert way planned from the model (`training::expert`) for the
//! first attempt scores above 85 and never uses a faulty contact, and the debrief a trainee
//! reads has no internals. Every attempt's start, idling and amplitude alone are held in
//! the tests below: for every exercise and 20 attempt seeds, the start fails the goal,
//! doing nothing scores below 25, amplitude alone below 40 and the expert way planned for
//! that attempt above 85; and the expert way planned for one attempt, played on another,
//! fails the goal in at least 80 % of 50 pairs.
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use scs_sim::implant::stim::Stimulator;
use scs_sim::session::record::Recording;
use scs_sim::session::{Command, ProgrammerEdit, RemoteKey, Role, Session};
use scs_sim::training::exercise::{self, BUILT_IN, Exercise, Goal};
use scs_sim::training::expert;
use scs_sim::training::report_html::debrief_html;
use scs_sim::training::score::{ScoreReport, score};

fn all() -> Vec<Exercise> {
    BUILT_IN
        .iter()
        .map(|(id, _)| exercise::find(id).unwrap())
        .collect()
}

fn grade(ex: &Exercise, s: &Session) -> ScoreReport {
    score(ex, &Recording::of(s, &ex.patient)).unwrap()
}

#[test]
fn the_expert_way_scores_above_85_on_every_exercise_and_is_what_the_debrief_advises() {
    let mut failures = Vec::new();
    for ex in all() {
        // Drug-pump exercises declare their expert way; tests/pump_exercises.rs plays it.
        if matches!(ex.goal, Goal::Pump(_)) {
            continue;
        }
        let start = ex.start_session().unwrap();
        let plan = expert::plan(&ex, &start);
        assert!(
            plan.commands().count() > 0,
            "{}: the plan does nothing",
            ex.id
        );
        let s = match expert::play(&ex, &plan, exercise::FIRST_SEED) {
            Ok(s) => s,
            Err(e) => {
                failures.push(format!("{}: {e}", ex.id));
                continue;
            }
        };
        let r = grade(&ex, &s);
        for w in plan.words() {
            eprintln!("{}   - {w}", ex.id);
        }
        eprintln!(
            "{} expert: {} in {:.0} s ({}) {:?}",
            ex.id,
            r.score,
            plan.finish_s,
            r.goal_detail,
            r.criteria.iter().map(|c| c.points).collect::<Vec<_>>()
        );
        if !r.goal_met || r.score <= 85 {
            failures.push(format!(
                "{}: the expert way scores {} ({}):\n  {}",
                ex.id,
                r.score,
                r.goal_detail,
                plan.words().join("\n  ")
            ));
        }
        assert_eq!(
            r.expert,
            plan.words(),
            "{}: the debrief advises the plan",
            ex.id
        );
        assert!(plan.finish_s <= ex.time_budget_s, "{}", ex.id);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Where the start has a broken contact, every contact code the expert sends leaves it
/// off, and the program the expert's way ends on does not use it. At least one exercise
/// starts with a broken contact, and its expert reprograms the contacts (else this test
/// would prove nothing).
#[test]
fn the_expert_never_programs_a_faulty_contact() {
    let mut codes_checked = 0;
    let mut exercises_with_faults = 0;
    for ex in all() {
        let start = ex.start_session().unwrap();
        let faults = start.device().map_or(Vec::new(), |d| d.impedances.faults());
        if faults.is_empty() {
            continue;
        }
        exercises_with_faults += 1;
        let plan = expert::plan(&ex, &start);
        for c in plan.commands() {
            if let Command::Programmer(ProgrammerEdit::SetContacts { code, .. }) = &c.command {
                codes_checked += 1;
                for f in &faults {
                    let on = code
                        .split('/')
                        .nth(f.lead)
                        .and_then(|lead| lead.chars().nth(f.contact))
                        .is_some_and(|ch| ch != '0');
                    assert!(!on, "{}: {code} uses the faulty contact {f:?}", ex.id);
                }
            }
        }
        // The plan played on this start, as the clinician would.
        let mut end = start.clone();
        for c in plan.commands() {
            end.advance_to(c.t_s);
            end.apply_as(Role::Clinician, c.command.clone()).unwrap();
        }
        let active = end.device().unwrap().program().electrodes.active();
        assert!(
            !active.is_empty(),
            "{}: the expert's program uses no contact",
            ex.id
        );
        for f in &faults {
            assert!(
                !active
                    .iter()
                    .any(|a| a.lead == f.lead && a.contact == f.contact),
                "{}: the expert's program ends on the faulty contact {f:?}",
                ex.id
            );
        }
    }
    assert!(
        exercises_with_faults >= 1,
        "no exercise starts with a broken contact"
    );
    assert!(
        codes_checked >= 1,
        "no expert reprograms around a broken contact"
    );
}

#[test]
fn every_exercise_has_a_brief_hints_a_budget_and_a_speed() {
    let list = all();
    assert!(list.len() >= 10, "at least ten exercises");
    for ex in &list {
        assert!(
            ex.brief.split_whitespace().count() >= 15,
            "{}: brief",
            ex.id
        );
        assert!(ex.hints.len() >= 2, "{}: hints", ex.id);
        assert!(ex.time_budget_s >= 300.0, "{}: budget", ex.id);
        assert!([1.0, 10.0, 60.0].contains(&ex.speed), "{}: speed", ex.id);
    }
    let nerves = list
        .iter()
        .filter(|ex| {
            ex.start_session()
                .unwrap()
                .device()
                .is_some_and(scs_sim::implant::stim::site::at_nerves)
        })
        .count();
    assert!(nerves >= 3 && list.len() - nerves >= 7, "both therapies");
}

/// A variation the model cannot deal is refused when the file is read, naming the field.
#[test]
fn an_impossible_variation_is_refused_by_name() {
    // (exercise, what its file says, what a bad edit says instead, the field named)
    let edits = [
        (
            "ons-migration",
            "crossing_mm: 10",
            "crossing_mm: 30",
            "crossing_mm",
        ),
        (
            "ons-migration",
            "crossing_mm: 10",
            "crossing_mm: -1",
            "crossing_mm",
        ),
        (
            "ons-migration",
            "crossing_mm: 10",
            "crossing_mm: NaN",
            "crossing_mm",
        ),
        (
            "convert-to-10khz",
            "khz_response_factor: 2.5",
            "khz_response_factor: 9",
            "khz_response_factor",
        ),
        (
            "convert-to-10khz",
            "khz_response_factor: 2.5",
            "khz_response_factor: 0.5",
            "khz_response_factor",
        ),
        (
            "convert-to-10khz",
            "max_above_needed_percent: Some(20)",
            "max_above_needed_percent: Some(0)",
            "max_above_needed_percent",
        ),
        (
            "convert-to-10khz",
            "max_above_needed_percent: Some(20)",
            "max_above_needed_percent: Some(500)",
            "max_above_needed_percent",
        ),
        (
            "convert-to-10khz",
            "max_above_needed_percent: Some(20)",
            "max_above_needed_percent: Some(NaN)",
            "max_above_needed_percent",
        ),
    ];
    for (id, good, bad, field) in edits {
        let (_, text) = BUILT_IN.iter().find(|(i, _)| *i == id).unwrap();
        assert!(text.contains(good), "{id}: {good}");
        let e = exercise::parse_exercise(std::path::Path::new("x.ron"), &text.replace(good, bad))
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert!(
            e.contains(field) || e.contains("not written as"),
            "{id}: {bad}: {e}"
        );
    }
}

#[test]
fn an_exercise_file_without_a_speed_runs_at_10x() {
    let (_, text) = BUILT_IN[0];
    let without: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("speed:"))
        .collect::<Vec<_>>()
        .join("\n");
    let ex = exercise::parse_exercise(std::path::Path::new("old.ron"), &without).unwrap();
    assert_eq!(ex.speed, exercise::DEFAULT_SPEED);
    let fast = without.replace("time_budget_s:", "speed: 60, time_budget_s:");
    let ex = exercise::parse_exercise(std::path::Path::new("fast.ron"), &fast).unwrap();
    assert_eq!(ex.speed, 60.0);
    let odd = without.replace("time_budget_s:", "speed: 7, time_budget_s:");
    let e = exercise::parse_exercise(std::path::Path::new("odd.ron"), &odd)
        .unwrap_err()
        .to_string();
    assert!(e.contains("speed"), "{e}");
}

/// What a trainee reads: the debrief's text and HTML after a session with a few actions.
fn debrief_text(r: &ScoreReport) -> String {
    let mut t = vec![r.title.clone(), r.goal_detail.clone()];
    for c in &r.criteria {
        t.push(format!("{} {}", c.name, c.detail));
    }
    for a in &r.timeline {
        t.push(a.action.clone());
        t.extend(a.refused.clone());
    }
    t.extend(r.expert.clone());
    t.join("\n")
}

#[test]
fn the_debrief_names_every_criterion_in_plain_words() {
    for ex in all() {
        let mut s = ex.start_session().unwrap();
        s.step(20.0);
        for c in [
            Command::from(RemoteKey::TherapyOn),
            ProgrammerEdit::SetPulseWidth(450.0).into(),
            ProgrammerEdit::SetAmplitude(1.0).into(),
            ProgrammerEdit::SetAmplitude(1.1).into(),
            ProgrammerEdit::SetPatientWindow(scs_sim::device::program::PatientWindow {
                min_ma: 0.0,
                max_ma: 6.0,
            })
            .into(),
            ProgrammerEdit::MarkThreshold(scs_sim::session::command::Threshold::Perception).into(),
        ] {
            let _ = s.apply_as(Role::Clinician, c);
            s.step(5.0);
        }
        s.step(60.0);
        let r = grade(&ex, &s);
        let names: Vec<&str> = r.criteria.iter().map(|c| c.name.as_ref()).collect();
        assert_eq!(names.len(), 5, "{}", ex.id);
        assert_eq!(r.criteria.iter().map(|c| c.points).sum::<u32>(), r.score);
        assert_eq!(r.criteria.iter().map(|c| c.max).sum::<u32>(), 100);
        let text = debrief_text(&r);
        let html = debrief_html(&r, "Trainee");
        for needle in ["::", "{", "}", "Some(", "None", ": true", ": false", "_"] {
            assert!(
                !text.contains(needle),
                "{}: the debrief shows {needle:?}:\n{text}",
                ex.id
            );
        }
        // Parentheses are fine in words ("(open)"), but never after a capitalised name.
        let debug = regex_like_debug(&text);
        assert!(debug.is_none(), "{}: {debug:?} in\n{text}", ex.id);
        assert!(html.contains("How the score was made"));
        assert!(!html.contains("::") && !html.contains("Some("), "{}", ex.id);
    }
}

/// A `Name(` or `Name {` pattern as Debug prints an enum or a struct.
fn regex_like_debug(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if (*c == '(' || *c == '{') && i > 1 {
            let before: String = chars[..i]
                .iter()
                .rev()
                .take_while(|c| c.is_alphanumeric())
                .collect();
            let word: String = before.chars().rev().collect();
            let camel = word.len() > 2
                && word.chars().next().is_some_and(char::is_uppercase)
                && word.chars().skip(1).any(char::is_uppercase);
            if camel {
                return Some(format!("{word}{c}"));
            }
        }
    }
    None
}

/// Attempt seeds tried for each exercise.
const SEEDS: std::ops::Range<u64> = 1000..1020;

/// Drug-pump exercises declare their expert way in words (tests/pump_exercises.rs).
fn planned(ex: &Exercise) -> bool {
    !matches!(ex.goal, Goal::Pump(_))
}

#[test]
fn no_attempt_starts_with_its_goal_met_and_doing_nothing_scores_below_25() {
    let mut failures = Vec::new();
    for ex in all() {
        for seed in SEEDS {
            let start = ex.start_attempt(seed).unwrap();
            for wait_s in [0.0, 600.0_f64.min(ex.time_budget_s), ex.time_budget_s * 0.9] {
                let mut s = start.clone();
                s.step(wait_s);
                let r = grade(&ex, &s);
                if r.goal_met || r.score >= 25 {
                    failures.push(format!(
                        "{} seed {seed}: doing nothing for {wait_s:.0} s scores {} ({})",
                        ex.id, r.score, r.goal_detail
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn amplitude_alone_scores_below_40_on_every_attempt() {
    let mut failures = Vec::new();
    for ex in all() {
        for seed in SEEDS.step_by(4) {
            let start = ex.start_attempt(seed).unwrap();
            for k in 1..=24 {
                let ma = f64::from(k) * 0.5;
                let mut s = start.clone();
                s.step(20.0);
                let _ = s.apply_as(Role::Clinician, RemoteKey::TherapyOn);
                if s.apply_as(Role::Clinician, ProgrammerEdit::SetAmplitude(ma))
                    .is_err()
                {
                    continue;
                }
                // A lead still in its introducer is deployed where it is.
                for lead in 0..s.device().unwrap().nerve_leads.len() {
                    let _ = s.apply_as(Role::Clinician, ProgrammerEdit::DeployLead(lead));
                }
                s.step(ex.time_budget_s * 0.9 - 20.0);
                let r = grade(&ex, &s);
                if r.goal_met || r.score >= 40 {
                    failures.push(format!(
                        "{} seed {seed}: {ma} mA alone scores {} ({})",
                        ex.id, r.score, r.goal_detail
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The expert plan of attempt `seed`, and the session it reaches on attempt `on`.
fn expert_on(ex: &Exercise, seed: u64, on: u64) -> (expert::ExpertPlan, Session) {
    let plan = expert::plan(ex, &ex.start_attempt(seed).unwrap());
    let s = expert::play(ex, &plan, on).unwrap_or_else(|_| ex.start_attempt(on).unwrap());
    (plan, s)
}

#[test]
fn the_expert_way_of_each_attempt_passes_it_and_is_what_its_debrief_advises() {
    let mut failures = Vec::new();
    for ex in all().into_iter().filter(planned) {
        for seed in SEEDS {
            let (plan, s) = expert_on(&ex, seed, seed);
            let r = grade(&ex, &s);
            if !r.goal_met || r.score <= 85 {
                failures.push(format!(
                    "{} seed {seed}: the expert way scores {} ({})",
                    ex.id, r.score, r.goal_detail
                ));
            }
            assert_eq!(r.seed, seed);
            assert_eq!(r.expert, plan.words(), "{} seed {seed}", ex.id);
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every exercise varies so that one attempt's expert way, copied onto another attempt,
/// fails there in at least 80 % of 50 pairs (the measured figures are in README,
/// "Exercises"; `convert-to-10khz` joined when its goal asked for the least amplitude
/// that relieves and the patient's answer to kHz charge began to vary: 1 of 50).
#[test]
fn one_attempts_expert_way_fails_another_attempt_in_80_percent_of_pairs() {
    let mut failures = Vec::new();
    for ex in all().into_iter().filter(planned) {
        let passed = (0..50u64)
            .filter(|i| {
                let (_, s) = expert_on(&ex, 2000 + i, 3000 + i);
                grade(&ex, &s).goal_met
            })
            .count();
        eprintln!(
            "{}: another attempt's expert way passes {passed} of 50",
            ex.id
        );
        if passed > 10 {
            failures.push(format!(
                "{}: another attempt's expert way passes {passed} of 50 pairs",
                ex.id
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// What the patient's remote alone can try on an attempt: each sequence of keys, pressed as
/// the patient, at the times given. A booked MRI scan's own times are tried too (MRI mode
/// on just before it, off and therapy on just after it): the remote is all a patient has.
fn remote_tries(start: &Session) -> Vec<Vec<(f64, RemoteKey)>> {
    let programs = start.device().map_or(1, |d| d.programs.len());
    let mut tries: Vec<Vec<(f64, RemoteKey)>> = vec![
        vec![(20.0, RemoteKey::TherapyOn)],
        vec![(20.0, RemoteKey::Recharge), (25.0, RemoteKey::TherapyOn)],
    ];
    for p in 0..programs {
        tries.push(vec![
            (20.0, RemoteKey::Recharge),
            (25.0, RemoteKey::TherapyOn),
            (30.0, RemoteKey::SelectProgram(p)),
        ]);
    }
    // A program in closed loop: the patient turns it off, or back on.
    for on in [false, true] {
        tries.push(vec![
            (20.0, RemoteKey::Recharge),
            (25.0, RemoteKey::TherapyOn),
            (30.0, RemoteKey::ClosedLoop(on)),
        ]);
    }
    for presses in [5, 10, 20, 40] {
        for down in [false, true] {
            let mut t = vec![(20.0, RemoteKey::Recharge), (25.0, RemoteKey::TherapyOn)];
            let key = if down {
                RemoteKey::AmplitudeDown
            } else {
                RemoteKey::AmplitudeUp
            };
            t.extend((0..presses).map(|i| (30.0 + f64::from(i), key.clone())));
            tries.push(t);
        }
    }
    let scan = start
        .implant()
        .downcast_ref::<Stimulator>()
        .and_then(|st| st.mri_day().scan);
    if let Some((from, until)) = scan {
        tries.push(vec![
            ((from - 60.0).max(0.0), RemoteKey::MriMode(true)),
            (until + 30.0, RemoteKey::MriMode(false)),
            (until + 35.0, RemoteKey::TherapyOn),
        ]);
    }
    tries
}

/// The patient's remote alone (on, off, programs, amplitude inside the window or a closed
/// loop's target, closed loop off and on, charging, MRI mode) never meets a clinician's
/// goal, on any exercise.
#[test]
fn the_patients_remote_alone_never_meets_the_goal() {
    let mut failures = Vec::new();
    let mut tried = 0;
    for ex in all().into_iter().filter(planned) {
        for seed in SEEDS.step_by(10) {
            let start = ex.start_attempt(seed).unwrap();
            for keys in remote_tries(&start) {
                let mut s = start.clone();
                for (t, key) in &keys {
                    s.advance_to(*t);
                    let _ = s.apply_as(Role::Patient, key.clone());
                }
                s.advance_to(ex.time_budget_s * 0.9);
                tried += 1;
                let r = grade(&ex, &s);
                if r.goal_met || r.score >= 40 {
                    failures.push(format!(
                        "{} seed {seed}: the remote alone ({keys:?}) scores {} ({})",
                        ex.id, r.score, r.goal_detail
                    ));
                }
            }
        }
    }
    assert!(tried > 100, "only {tried} tries");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
