//! Clinician access, program management, exercises and their scoring.
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use scs_sim::clinician::{DEFAULT_PIN, LOCKOUT_S};
use scs_sim::device::impedance::{ContactFault, Fault};
use scs_sim::device::program::PatientWindow;
use scs_sim::device::safety::WarningCode;
use scs_sim::session::command::Threshold;
use scs_sim::session::record::Recording;
use scs_sim::session::{
    AccessRequest, Command, ProgrammerEdit, Refusal, RemoteKey, Role, Session, WorldEvent,
};
use scs_sim::training::exercise::{self, BUILT_IN};
use scs_sim::training::score::{ScoreReport, score};

fn patient() -> Session {
    let (p, d) = scs_sim::library::default_patient();
    Session::new(p, d, Role::Patient, 3)
}

#[test]
fn the_clinician_programmer_needs_the_pin_and_locks_after_three_wrong_ones() {
    let mut s = patient();
    assert!(
        s.apply(ProgrammerEdit::SetPulseWidth(400.0)).is_err(),
        "the patient cannot program"
    );
    let wrong = s
        .apply(AccessRequest::EnterClinician { pin: "1111".into() })
        .unwrap_err()
        .to_string();
    assert_eq!(wrong, "Wrong PIN", "no hint of the right one");
    assert_eq!(s.role, Role::Patient);
    let _ = s.apply(AccessRequest::EnterClinician { pin: "0000".into() });
    let third = s
        .apply(AccessRequest::EnterClinician { pin: "9999".into() })
        .unwrap_err()
        .to_string();
    assert!(third.contains("locked"), "{third}");
    let locked = s
        .apply(AccessRequest::EnterClinician {
            pin: DEFAULT_PIN.into(),
        })
        .unwrap_err()
        .to_string();
    assert!(
        locked.contains("try again in"),
        "the right PIN is refused while locked: {locked}"
    );
    s.step(LOCKOUT_S + 1.0);
    s.apply(AccessRequest::EnterClinician {
        pin: DEFAULT_PIN.into(),
    })
    .unwrap();
    assert_eq!(s.role, Role::Clinician);
    s.apply(ProgrammerEdit::SetPulseWidth(400.0)).unwrap();
    assert!(
        s.log
            .iter()
            .all(|e| !format!("{:?}", e.command).contains(DEFAULT_PIN)),
        "the PIN is never logged"
    );
    let replayed = Recording::of(&s, "fbss").replay().unwrap();
    assert_eq!(replayed.role, Role::Clinician);
    assert_eq!(replayed.device().unwrap(), s.device().unwrap());
    s.apply(AccessRequest::LeaveClinician).unwrap();
    assert!(s.apply(ProgrammerEdit::SetPulseWidth(300.0)).is_err());
}

#[test]
fn programs_are_created_copied_and_deleted_within_four() {
    let mut s = patient();
    s.apply(AccessRequest::EnterClinician {
        pin: DEFAULT_PIN.into(),
    })
    .unwrap();
    assert_eq!(s.device().unwrap().programs.len(), 3);
    s.apply(ProgrammerEdit::NewProgram {
        name: "Night".into(),
    })
    .unwrap();
    assert_eq!(
        (
            s.device().unwrap().programs.len(),
            s.device().unwrap().active
        ),
        (4, 3)
    );
    assert_eq!(
        s.device().unwrap().program().settings.amplitude_ma,
        0.0,
        "new programs start at 0 mA"
    );
    assert!(
        s.apply(ProgrammerEdit::CopyProgram(0))
            .unwrap_err()
            .to_string()
            .contains("at most 4")
    );
    s.apply(ProgrammerEdit::DeleteProgram(1)).unwrap();
    assert_eq!(s.device().unwrap().programs.len(), 3);
    assert_eq!(
        s.device().unwrap().program().name,
        "Night",
        "the running program stays selected"
    );
    s.apply(ProgrammerEdit::CopyProgram(0)).unwrap();
    assert_eq!(s.device().unwrap().program().name, "Back & legs copy");
    assert!(
        s.apply(ProgrammerEdit::NewProgram { name: "".into() })
            .is_err()
    );
    for _ in 0..3 {
        s.apply(ProgrammerEdit::DeleteProgram(0)).unwrap();
    }
    assert!(
        s.apply(ProgrammerEdit::DeleteProgram(0))
            .unwrap_err()
            .to_string()
            .contains("last program")
    );
}

#[test]
fn thresholds_and_the_paresthesia_map_are_saved_with_the_program() {
    let mut s = patient();
    s.apply(AccessRequest::EnterClinician {
        pin: DEFAULT_PIN.into(),
    })
    .unwrap();
    assert!(
        s.apply(ProgrammerEdit::MarkThreshold(Threshold::Perception))
            .is_err(),
        "nothing to mark while off"
    );
    s.apply(RemoteKey::TherapyOn).unwrap();
    s.apply(ProgrammerEdit::SetAmplitude(5.0)).unwrap();
    s.apply(ProgrammerEdit::MarkThreshold(Threshold::Perception))
        .unwrap();
    s.apply(ProgrammerEdit::SetAmplitude(5.4)).unwrap();
    s.apply(ProgrammerEdit::SaveParesthesiaMap).unwrap();
    let notes = &s.device().unwrap().program().notes;
    assert_eq!(notes.measured_pt_ma, Some(5.0));
    assert!(
        notes
            .paresthesia_map
            .iter()
            .any(|(r, v)| r == "thigh_left" && *v > 0.3),
        "{:?}",
        notes.paresthesia_map
    );
    assert!(
        notes
            .patient_words
            .as_deref()
            .is_some_and(|w| w.contains("tingling"))
    );
    // The notes survive a save and a load of the program file.
    let path = std::env::temp_dir().join(format!("scs-notes-{}.ron", std::process::id()));
    scs_sim::device::spec::save_program(&path, s.device().unwrap().program()).unwrap();
    assert_eq!(
        scs_sim::device::spec::load_program(&path).unwrap().notes,
        *notes
    );
}

#[test]
fn an_impedance_check_flags_an_injected_open_circuit() {
    let mut s = patient();
    s.apply(WorldEvent::InjectFault(ContactFault {
        lead: 1,
        contact: 2,
        fault: Fault::Open,
    }))
    .unwrap();
    let faults = s.device().unwrap().impedances.faults();
    assert_eq!(
        faults,
        vec![ContactFault {
            lead: 1,
            contact: 2,
            fault: Fault::Open
        }]
    );
}

/// Plays a scripted trainee through an exercise and grades the recording.
/// Plays `script` on the exercise's patient as its file describes them: the settings in
/// these tests are that patient's, so the attempt does not vary.
fn play(id: &str, script: &[Command], wait_s: f64) -> ScoreReport {
    let mut ex = exercise::find(id).unwrap();
    ex.vary = Default::default();
    let mut s = ex.start_session().unwrap();
    for c in script {
        s.step(20.0);
        let _ = s.apply(c.clone());
    }
    s.step(wait_s);
    score(&ex, &Recording::of(&s, &ex.patient)).unwrap()
}

#[test]
fn a_good_leg_coverage_session_scores_well_and_a_reckless_one_badly() {
    // The trial program sits on the upper contacts: the guarded cathode goes down the lead.
    let good = play(
        "leg-coverage",
        &[
            RemoteKey::TherapyOn.into(),
            ProgrammerEdit::SetContacts {
                code: "00000+-+".into(),
                case_anode: false,
            }
            .into(),
            ProgrammerEdit::SetAmplitude(4.8).into(),
        ],
        300.0,
    );
    assert!(good.goal_met, "{}", good.goal_detail);
    assert!(good.score >= 80, "{good:?}");
    assert!(good.warnings_triggered.is_empty());
    let bad = play(
        "leg-coverage",
        &[
            RemoteKey::TherapyOn.into(),
            ProgrammerEdit::SetAmplitude(14.0).into(),
        ],
        300.0,
    );
    assert!(!bad.goal_met, "{}", bad.goal_detail);
    assert!(bad.warnings_triggered.contains(&WarningCode::Discomfort));
    assert!(bad.score < good.score && bad.score < 50, "{}", bad.score);
    assert!(!good.timeline.is_empty() && !good.expert.is_empty());
}

#[test]
fn every_built_in_exercise_can_be_solved_the_way_its_expert_says() {
    let solutions: Vec<(&str, Vec<Command>, f64)> = vec![
        ("thresholds", vec![], 0.0),
        (
            "lead-migration",
            vec![
                ProgrammerEdit::SetContacts {
                    code: "+-+00000/+-+00000".into(),
                    case_anode: false,
                }
                .into(),
                ProgrammerEdit::SetAmplitude(4.4).into(),
            ],
            900.0,
        ),
        (
            "open-circuit",
            vec![
                // Below the open contact 4 of lead 1 (never through it), on both leads.
                ProgrammerEdit::SetContacts {
                    code: "00000+-+/00000+-+".into(),
                    case_anode: false,
                }
                .into(),
                ProgrammerEdit::SetAmplitude(4.6).into(),
            ],
            900.0,
        ),
        (
            "safe-window",
            vec![
                ProgrammerEdit::SetPatientWindow(PatientWindow {
                    min_ma: 0.0,
                    max_ma: 5.2,
                })
                .into(),
            ],
            60.0,
        ),
        (
            "posture-change",
            vec![
                ProgrammerEdit::SetContacts {
                    code: "00000+-+".into(),
                    case_anode: false,
                }
                .into(),
                ProgrammerEdit::SetAmplitude(5.4).into(),
            ],
            600.0,
        ),
    ];
    for (id, script, wait) in solutions {
        let report = if id == "thresholds" {
            thresholds_by_ramp()
        } else {
            play(id, &script, wait)
        };
        assert!(report.goal_met, "{id}: {}", report.goal_detail);
    }
    // The three peripheral nerve exercises are solved in tests/pns.rs, the four drug-pump
    // ones in tests/pump_exercises.rs, convert-to-10khz (its amplitude is the patient's
    // own least) in tests/forgery.rs, cervical-arm and the three closed-loop ones only by
    // the planned expert way (the loop's check itself in tests/closed_loop_goal.rs); every
    // exercise, however many ship, by the planned expert way in tests/skill.rs.
    assert_eq!(BUILT_IN.len(), 25);
}

/// Ramps like a clinician: marks PT at the first words of tingling, DT at the first complaint.
fn thresholds_by_ramp() -> ScoreReport {
    let ex = exercise::find("thresholds").unwrap();
    let mut s = ex.start_session().unwrap();
    let mut ma = 0.0;
    let mut felt = false;
    while ma < 12.0 {
        ma += 0.1;
        s.apply(ProgrammerEdit::SetAmplitude(ma)).unwrap();
        s.step(5.0);
        let said = s.view().speech;
        if !felt && said.contains("tingling") {
            s.apply(ProgrammerEdit::MarkThreshold(Threshold::Perception))
                .unwrap();
            felt = true;
        }
        if said.contains("uncomfortable") || said.contains("too strong") {
            s.apply(ProgrammerEdit::MarkThreshold(Threshold::Discomfort))
                .unwrap();
            break;
        }
    }
    score(&ex, &Recording::of(&s, &ex.patient)).unwrap()
}

#[test]
fn a_session_of_another_patient_or_exercise_is_not_graded_as_this_one() {
    let ex = exercise::find("leg-coverage").unwrap();
    let s = ex.start_session().unwrap();
    let mut wrong_patient = Recording::of(&s, "fbss");
    let e = score(&ex, &wrong_patient).unwrap_err().to_string();
    assert!(e.contains("recorded on patient 'fbss'"), "{e}");
    wrong_patient.patient = ex.patient.clone();
    wrong_patient.exercise = Some("thresholds".into());
    assert!(
        score(&ex, &wrong_patient)
            .unwrap_err()
            .to_string()
            .contains("recorded for exercise 'thresholds'")
    );
}

#[test]
fn practice_patients_are_reproducible_from_their_seed_and_differ_between_seeds() {
    use scs_sim::library::generate::practice;
    let (a, da) = practice(42);
    let (b, db) = practice(42);
    assert_eq!((a.clone(), da.clone()), (b, db), "same seed, same patient");
    let others: Vec<_> = (0..8).map(practice).collect();
    assert!(
        others
            .windows(2)
            .any(|w| w[0].0.pain != w[1].0.pain || w[0].1.placements != w[1].1.placements)
    );
    for (p, d) in others {
        assert!(
            p.pain.iter().any(|v| *v >= 4.0) && p.pain.iter().all(|v| (0.0..=10.0).contains(v))
        );
        let level = d.placements[0].level.name();
        assert!(
            ["T8", "T9", "T10", "T11", "T12"].contains(&level),
            "{level}"
        );
        assert!(d.problems().is_empty(), "{:?}", d.problems());
        let s = Session::new(p, d, Role::Clinician, 1);
        assert!(
            s.perception_threshold().is_some(),
            "a practice patient can feel stimulation"
        );
    }
    assert!(scs_sim::library::find("practice:7").is_ok());
}

#[test]
fn the_pin_can_be_changed_by_the_clinician_only_with_the_old_one_and_is_not_logged() {
    let mut s = patient();
    let change = |old: &str, new: &str| AccessRequest::SetClinicianPin {
        old: old.into(),
        new: new.into(),
    };
    assert!(
        s.apply(change(DEFAULT_PIN, "13579")).is_err(),
        "the patient cannot"
    );
    s.apply(AccessRequest::EnterClinician {
        pin: DEFAULT_PIN.into(),
    })
    .unwrap();
    assert!(
        s.apply(change(DEFAULT_PIN, "12"))
            .unwrap_err()
            .to_string()
            .contains("4 to 8 digits")
    );
    assert_eq!(
        s.apply(change("1111", "13579")).unwrap_err(),
        Refusal::WrongOldPin,
        "the old PIN is needed"
    );
    s.apply(change(DEFAULT_PIN, "13579")).unwrap();
    let hash = s.access.pin_hash().unwrap().to_string();
    assert!(
        hash.starts_with("$argon2") && !hash.contains("13579"),
        "{hash}"
    );
    s.apply(AccessRequest::LeaveClinician).unwrap();
    assert!(
        s.apply(AccessRequest::EnterClinician {
            pin: DEFAULT_PIN.into()
        })
        .is_err()
    );
    s.apply(AccessRequest::EnterClinician {
        pin: "13579".into(),
    })
    .unwrap();
    assert!(s.log.iter().all(|e| {
        let logged = format!("{:?}", e.command);
        !logged.contains("13579") && !logged.contains(DEFAULT_PIN)
    }));
    let replayed = Recording::of(&s, "fbss").replay().unwrap();
    assert_eq!(replayed.role, Role::Clinician, "PIN changes replay");
}

#[test]
fn a_pin_change_recorded_before_the_old_pin_was_asked_for_still_reads() {
    let old: Command = ron::from_str("Access(SetClinicianPin(pin: \"\"))").unwrap();
    assert_eq!(
        old,
        Command::Access(AccessRequest::SetClinicianPin {
            old: String::new(),
            new: String::new(),
        })
    );
}

#[test]
fn an_exercise_never_changes_the_clinician_pin() {
    let ex = exercise::find("leg-coverage").unwrap();
    let mut s = ex.start_session().unwrap();
    assert_eq!(s.role, Role::Clinician);
    assert_eq!(
        s.apply(AccessRequest::SetClinicianPin {
            old: DEFAULT_PIN.into(),
            new: "13579".into(),
        })
        .unwrap_err(),
        Refusal::PinChangeInExercise
    );
    assert!(s.access.verify(DEFAULT_PIN));
}

#[test]
fn the_clinician_renames_programs_and_splits_the_current() {
    let mut s = patient();
    s.apply(AccessRequest::EnterClinician {
        pin: DEFAULT_PIN.into(),
    })
    .unwrap();
    s.apply(ProgrammerEdit::RenameProgram("Legs only".into()))
        .unwrap();
    assert_eq!(s.device().unwrap().program().name, "Legs only");
    assert!(
        s.apply(ProgrammerEdit::RenameProgram(
            "A name far too long for a remote".into()
        ))
        .is_err()
    );
    let split = vec![
        vec![0.0, 0.0, 0.0, 30.0, 70.0, 20.0, 0.0, 0.0],
        vec![0.0, 0.0, 0.0, 20.0, 30.0, 30.0, 0.0, 0.0],
    ];
    s.apply(ProgrammerEdit::SetFractions {
        percent: split,
        case_percent: None,
    })
    .unwrap();
    let cathode = s
        .device()
        .unwrap()
        .program()
        .electrodes
        .active()
        .into_iter()
        .find(|c| c.lead == 0 && c.contact == 4)
        .unwrap();
    assert!((cathode.fraction - 0.7).abs() < 1e-9);
    let bad = vec![
        vec![0.0, 0.0, 0.0, 30.0, 60.0, 20.0, 0.0, 0.0],
        vec![0.0, 0.0, 0.0, 20.0, 30.0, 30.0, 0.0, 0.0],
    ];
    assert!(
        s.apply(ProgrammerEdit::SetFractions {
            percent: bad,
            case_percent: None
        })
        .unwrap_err()
        .to_string()
        .contains("100 %")
    );
}
