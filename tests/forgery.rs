//! Grading that cannot be forged: every trick a student tried is refused with a sentence,
//! or scored as the replay really went.
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use scs_sim::device::program::Waveform;
use scs_sim::patient::anatomy::Posture;
use scs_sim::session::record::{self, Recording};
use scs_sim::session::{Command, ProgrammerEdit, Refusal, RemoteKey, Role, WorldEvent};
use scs_sim::training::exercise;
use scs_sim::training::score::score;
use std::path::Path;

/// A real session of exercise `id`: each command after `wait_s` simulated seconds, then
/// `end_s` more.
fn session(id: &str, script: &[(f64, Command)], end_s: f64) -> Recording {
    let ex = exercise::find(id).unwrap();
    let mut s = ex.start_session().unwrap();
    for (wait_s, c) in script {
        s.step(*wait_s);
        let _ = s.apply(c.clone());
    }
    s.step(end_s);
    Recording::of(&s, &ex.patient)
}

fn grade(id: &str, rec: &Recording) -> Result<u32, String> {
    score(&exercise::find(id).unwrap(), rec)
        .map(|r| r.score)
        .map_err(|e| e.to_string())
}

/// 10 kHz on the bipole over T9–T10 at a tenth above the least amplitude that gives this
/// patient the exercise's 50 % relief (the goal allows a fifth).
fn ten_khz() -> Vec<(f64, Command)> {
    let mut s = exercise::find("convert-to-10khz")
        .unwrap()
        .start_session()
        .unwrap();
    s.apply(ProgrammerEdit::SetWaveform(Waveform::HighFrequency))
        .unwrap();
    s.apply(ProgrammerEdit::SetContacts {
        code: "00+-0000".into(),
        case_anode: false,
    })
    .unwrap();
    let least = s
        .stimulator()
        .unwrap()
        .least_amplitude_for(&s.patient, 50.0)
        .unwrap();
    let ma = (least * 1.1 * 10.0).ceil() / 10.0;
    vec![
        (
            5.0,
            ProgrammerEdit::SetWaveform(Waveform::HighFrequency).into(),
        ),
        (
            5.0,
            ProgrammerEdit::SetContacts {
                code: "00+-0000".into(),
                case_anode: false,
            }
            .into(),
        ),
        (5.0, ProgrammerEdit::SetAmplitude(ma).into()),
        (5.0, RemoteKey::TherapyOn.into()),
    ]
}

#[test]
fn relief_is_judged_at_the_sessions_own_time_not_at_steady_state() {
    // The expert's 10 kHz settings, but the session ends at once: relief has not built.
    let rushed = session("convert-to-10khz", &ten_khz(), 1.0);
    let report = score(&exercise::find("convert-to-10khz").unwrap(), &rushed).unwrap();
    assert!(!report.goal_met, "{}", report.goal_detail);
    // 10 kHz builds over hours to days (REFERENCES §7): two days.
    let patient = session("convert-to-10khz", &ten_khz(), 172_800.0);
    let later = score(&exercise::find("convert-to-10khz").unwrap(), &patient).unwrap();
    assert!(later.goal_met, "{}", later.goal_detail);
    assert!(later.score > report.score + 40);
}

#[test]
fn any_hand_edit_is_reported_and_not_graded() {
    let mut rec = session(
        "leg-coverage",
        &[
            (20.0, RemoteKey::TherapyOn.into()),
            (20.0, ProgrammerEdit::SetAmplitude(14.0).into()),
            (20.0, ProgrammerEdit::SetAmplitude(6.4).into()),
        ],
        300.0,
    );
    assert!(grade("leg-coverage", &rec).is_ok());
    // Deleting the overshoot line.
    let overshoot = rec
        .log
        .iter()
        .position(|e| e.command == ProgrammerEdit::SetAmplitude(14.0).into())
        .unwrap();
    rec.log.remove(overshoot);
    let e = grade("leg-coverage", &rec).unwrap_err();
    assert!(e.contains("edited outside scs-sim"), "{e}");
    // Times rewritten to 0 (shorter than the budget).
    let mut zero = session(
        "leg-coverage",
        &[(20.0, RemoteKey::TherapyOn.into())],
        2000.0,
    );
    for e in &mut zero.log {
        e.t_s = 0.0;
    }
    zero.t_s = 10.0;
    assert!(grade("leg-coverage", &zero).unwrap_err().contains("edited"));
    // A file with no checksum at all.
    rec.checksum = None;
    assert!(
        grade("leg-coverage", &rec)
            .unwrap_err()
            .contains("not saved by scs-sim")
    );
}

#[test]
fn a_recorded_outcome_the_replay_does_not_reach_is_refused_even_when_resealed() {
    let mut rec = session(
        "leg-coverage",
        &[(20.0, ProgrammerEdit::SetPulseWidth(5000.0).into())],
        60.0,
    );
    let entry = rec.log.last_mut().unwrap();
    assert!(entry.refused.is_some());
    entry.refused = None;
    // Someone who has the source can recompute the checksum: the replay still catches it.
    let rec = rec.sealed();
    let e = grade("leg-coverage", &rec).unwrap_err();
    assert!(e.contains("differs from the recording"), "{e}");
}

#[test]
fn the_start_seed_role_and_setup_must_be_the_exercises() {
    let good = session("posture-change", &[], 10.0);
    assert!(grade("posture-change", &good).is_ok());
    // An exercise that fixes its seed grades only that attempt.
    let mut fixed = exercise::find("posture-change").unwrap();
    fixed.seed = Some(good.seed + 1);
    let e = score(&fixed, &good).unwrap_err().to_string();
    assert!(e.contains("seed"), "{e}");
    // Another attempt's seed with this attempt's start: the start is not that attempt's.
    let broken = session("open-circuit", &[], 10.0);
    let mut other = broken.clone();
    other.seed = (1..100)
        .map(|k| broken.seed + k)
        .find(|s| {
            let theirs = exercise::find("open-circuit")
                .unwrap()
                .start_attempt(*s)
                .unwrap();
            theirs.log[0].command != broken.log[0].command
        })
        .unwrap();
    let e = grade("open-circuit", &other.sealed()).unwrap_err();
    assert!(e.contains("start command"), "{e}");
    let mut role = good.clone();
    role.role = Role::Patient;
    assert!(grade("posture-change", &role.sealed()).is_err());
    let mut setup = good.clone();
    setup.log.remove(0);
    let e = grade("posture-change", &setup.sealed()).unwrap_err();
    assert!(e.contains("setup"), "{e}");
    let mut extra = good.clone();
    extra.log.push(scs_sim::session::LogEntry {
        t_s: 5.0,
        role: Role::Exercise,
        command: WorldEvent::SetPosture(Posture::Supine).into(),
        refused: None,
    });
    assert!(grade("posture-change", &extra.sealed()).is_err());
}

#[test]
fn a_patient_role_session_cannot_program_without_the_pin() {
    let (p, d) = scs_sim::library::find("radiculopathy").unwrap();
    let mut s = scs_sim::session::Session::new(p, d, Role::Patient, 1);
    s.exercise = Some("leg-coverage".into());
    assert_eq!(
        s.apply_as(Role::Clinician, ProgrammerEdit::SetAmplitude(6.0)),
        Err(Refusal::NotAllowed)
    );
    let rec = Recording::of(&s, "radiculopathy");
    assert!(grade("leg-coverage", &rec).is_err());
}

#[test]
fn no_one_but_the_exercise_moves_the_patient_or_the_lead_in_an_exercise() {
    let ex = exercise::find("posture-change").unwrap();
    let mut s = ex.start_session().unwrap();
    for role in [Role::Clinician, Role::Patient, Role::Teacher] {
        assert_eq!(
            s.apply_as(role, WorldEvent::SetPosture(Posture::Supine)),
            Err(Refusal::SceneNotYours),
            "{role:?}"
        );
    }
}

#[test]
fn a_teachers_event_forged_into_an_exercise_file_is_a_divergence_naming_its_entry() {
    let good = session("posture-change", &[], 30.0);
    let mut forged = good.clone();
    forged.log.push(scs_sim::session::LogEntry {
        t_s: 10.0,
        role: Role::Teacher,
        command: WorldEvent::SetPosture(Posture::Supine).into(),
        refused: None,
    });
    let entry = forged.log.len();
    let err = grade("posture-change", &forged.sealed()).unwrap_err();
    assert!(err.contains(&format!("entry {entry}")), "{err}");
    assert!(err.contains("only the exercise"), "{err}");
}

#[test]
fn a_loaded_program_counts_every_setting_it_changed() {
    let spec = scs_sim::device::spec::find_program_spec("assets/programs/burst.ron").unwrap();
    let rec = session(
        "leg-coverage",
        &[(20.0, ProgrammerEdit::LoadProgram(Box::new(spec)).into())],
        60.0,
    );
    let report = score(&exercise::find("leg-coverage").unwrap(), &rec).unwrap();
    assert!(report.adjustments >= 3, "{}", report.adjustments);
}

#[test]
fn session_files_name_built_ins_only_and_times_must_run_forward_and_stay_bounded() {
    let rec = session(
        "leg-coverage",
        &[
            (20.0, RemoteKey::TherapyOn.into()),
            (5.0, ProgrammerEdit::SetPulseWidth(400.0).into()),
        ],
        30.0,
    );
    let text = ron::to_string(&rec).unwrap();
    let parse = |t: &str| record::parse(Path::new("s.ron"), t);
    assert!(parse(&text).is_ok());
    let forged = text.replace(
        "exercise:Some(\"leg-coverage\")",
        "exercise:Some(\"forge/leg-coverage.ron\")",
    );
    assert_ne!(forged, text);
    assert!(
        parse(&forged)
            .unwrap_err()
            .to_string()
            .contains("never files")
    );
    let dev = text.replace("patient:\"radiculopathy\"", "patient:\"/dev/zero\"");
    assert!(parse(&dev).unwrap_err().to_string().contains("never files"));
    let mut backwards = rec.clone();
    let last = backwards.log.len() - 1;
    backwards.log[last].t_s = 0.0;
    backwards.log[0].t_s = 10.0;
    let t = ron::to_string(&backwards).unwrap();
    assert!(parse(&t).unwrap_err().to_string().contains("run forward"));
    let mut huge = rec.clone();
    huge.t_s = 1e12;
    let t = ron::to_string(&huge).unwrap();
    assert!(parse(&t).unwrap_err().to_string().contains("30 days"));
    for bad in [f64::NAN, -1.0, f64::INFINITY] {
        let mut r = rec.clone();
        r.log[0].t_s = bad;
        assert!(parse(&ron::to_string(&r).unwrap()).is_err(), "{bad}");
        r.t_s = bad;
        assert!(parse(&ron::to_string(&r).unwrap()).is_err(), "{bad}");
    }
}

#[test]
fn a_fifo_or_device_is_refused_before_it_is_opened() {
    let e = scs_sim::files::read_text(Path::new("/dev/zero")).unwrap_err();
    assert!(e.to_string().contains("not a regular file"), "{e}");
    let dir = std::env::temp_dir();
    assert!(scs_sim::files::read_text(&dir).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    /// Any edit of a session file's text is refused or replays within the 30-day bound;
    /// it never panics.
    #[test]
    fn mangled_session_files_never_panic(cut in 0usize..2000, insert in "[ -~]{0,12}") {
        let rec = session("leg-coverage", &[(20.0, RemoteKey::TherapyOn.into())], 30.0);
        let text = ron::to_string(&rec).unwrap();
        let at = text.char_indices().map(|(i, _)| i).nth(cut % text.chars().count()).unwrap_or(0);
        let mangled = format!("{}{}{}", &text[..at], insert, &text[at..]);
        if let Ok(r) = record::parse(Path::new("m.ron"), &mangled) {
            prop_assert!(r.t_s <= record::MAX_SESSION_S);
            let _ = r.replay();
            let _ = score(&exercise::find("leg-coverage").unwrap(), &r);
        }
    }
}
