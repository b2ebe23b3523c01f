//! Asking the patient: in blind mode the answers are the only source of what is felt, so
//! they must agree with the model (every region felt is named; the drawing covers it; the
//! pain score is the model's, give or take a point).
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use scs_sim::library;
use scs_sim::patient::anatomy::REGIONS;
use scs_sim::patient::interview::Question;
use scs_sim::patient::perception::PERCEPTION_LEVEL;
use scs_sim::session::{Event, ProgrammerEdit, RemoteKey, Role, Session};

fn clinic(ma: f64) -> Session {
    clinic_of("radiculopathy", ma)
}

fn clinic_of(id: &str, ma: f64) -> Session {
    let (p, d) = library::find(id).unwrap();
    let mut s = Session::new(p, d, Role::Clinician, 3);
    s.apply(RemoteKey::TherapyOn).unwrap();
    s.apply(ProgrammerEdit::SetAmplitude(ma)).unwrap();
    s.step(30.0);
    s
}

fn ask(s: &mut Session, q: Question) -> scs_sim::patient::interview::Answer {
    match s.apply(ProgrammerEdit::AskPatient(q)).unwrap().pop() {
        Some(Event::Answer(a)) => a,
        other => panic!("no answer: {other:?}"),
    }
}

#[test]
fn every_region_felt_is_named_and_drawn_roughly() {
    let pt = clinic(0.0).perception_threshold().unwrap();
    let mut s = clinic(pt * 1.4);
    let felt: Vec<usize> = (0..REGIONS.len())
        .filter(|&i| s.view().response.perception.paresthesia[i] >= PERCEPTION_LEVEL)
        .collect();
    assert!(!felt.is_empty());
    let said = ask(&mut s, Question::WhereDoYouFeelIt).words;
    for &i in &felt {
        assert!(
            said.contains(REGIONS[i].words),
            "{said} misses {}",
            REGIONS[i].words
        );
    }
    let drawn = ask(&mut s, Question::DrawWhereItTingles).drawing;
    let overlap = drawn.iter().filter(|i| felt.contains(i)).count();
    assert!(
        overlap * 2 >= felt.len(),
        "drawing {drawn:?} vs felt {felt:?}"
    );
}

#[test]
fn nothing_felt_is_said_plainly_and_discomfort_is_reported() {
    let mut off = clinic(0.0);
    assert!(
        ask(&mut off, Question::WhereDoYouFeelIt)
            .words
            .contains("don't feel")
    );
    // Above the discomfort threshold (fbss: the current is delivered in full).
    let dt = clinic_of("fbss", 0.0).discomfort_threshold().unwrap();
    let mut high = clinic_of("fbss", dt * 1.1);
    assert!(high.view().response.perception.uncomfortable);
    let said = ask(&mut high, Question::IsItComfortable).words;
    assert!(said.starts_with("No"), "{said}");
}

#[test]
fn the_pain_score_is_a_whole_number_near_the_models_and_replays_the_same() {
    let mut s = clinic(3.0);
    let vas = s.view().pain.vas;
    let a = ask(&mut s, Question::RateYourPain);
    let said = f64::from(a.vas.unwrap());
    assert!((said - vas).abs() <= 1.5, "said {said}, model {vas}");
    let replayed = scs_sim::session::record::Recording::of(&s, "radiculopathy")
        .replay()
        .unwrap();
    assert_eq!(replayed.log, s.log);
}

#[test]
fn asking_needs_the_clinician() {
    let (p, d) = library::find("radiculopathy").unwrap();
    let mut s = Session::new(p, d, Role::Patient, 3);
    assert!(
        s.apply(ProgrammerEdit::AskPatient(Question::RateYourPain))
            .is_err()
    );
}

/// "How much better?" is the model's relief in round tens, give or take one: nothing
/// without stimulation, and about the steady relief once a program has settled, so a
/// clinician can judge a setting by it (the 10 kHz exercise's amplitude search does).
#[test]
fn how_much_better_is_the_relief_in_round_tens() {
    let mut s = clinic(0.0);
    let none = ask(&mut s, Question::HowMuchBetter).words;
    assert!(none.starts_with("No better"), "{none}");
    let pt = clinic(0.0).perception_threshold().unwrap();
    let mut s = clinic(pt * 1.5);
    s.step(600.0);
    let relief = s.view().pain.relief_percent;
    assert!(relief > 20.0, "the program relieves: {relief}");
    let mut heard = Vec::new();
    let mut truth = Vec::new();
    for k in 0..12 {
        s.step(60.0 + f64::from(k));
        let relief = s.view().pain.relief_percent;
        truth.push(relief);
        let words = ask(&mut s, Question::HowMuchBetter).words;
        let said: f64 = words
            .trim_start_matches("About ")
            .split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("a percentage: {words}"));
        assert_eq!(said % 10.0, 0.0, "{words}");
        assert!((said - relief).abs() <= 11.0, "said {said}, model {relief}");
        heard.push(said);
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len() as f64;
    let (said, relief) = (mean(&heard), mean(&truth));
    assert!(
        (said - relief).abs() <= 5.0,
        "asked again and again, the answers centre on the truth: {said} vs {relief}"
    );
}
