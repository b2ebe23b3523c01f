//! Session rules: the remote's limits, lock, link, MRI, programming interlocks,
//! determinism, and random command sequences that never break the invariants.
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use scs_sim::device::impedance::{ContactFault, Fault};
use scs_sim::device::lead::Polarity;
use scs_sim::device::program::{MAX_AMPLITUDE_MA, PatientWindow, Waveform};
use scs_sim::device::safety::WarningCode;
use scs_sim::library;
use scs_sim::patient::anatomy::Posture;
use scs_sim::remote::Link;
use scs_sim::session::{
    AccessRequest, Command, ProgrammerEdit, Refusal, RemoteKey, Role, Session, WorldEvent,
};

fn patient_session() -> Session {
    let (p, d) = library::default_patient();
    let mut s = Session::new(p, d, Role::Patient, 7);
    s.apply(RemoteKey::TherapyOn).unwrap();
    s
}

/// The clinician logs in on the patient's session, as in the clinic.
fn login(s: &mut Session) {
    s.apply(AccessRequest::EnterClinician {
        pin: scs_sim::clinician::DEFAULT_PIN.into(),
    })
    .unwrap();
}

fn amplitude(s: &Session) -> f64 {
    s.device().unwrap().program().settings.amplitude_ma
}

#[test]
fn the_remote_moves_amplitude_in_steps_and_stops_at_the_window() {
    let mut s = patient_session();
    let w = s.device().unwrap().program().window;
    let step = s.device().unwrap().program().step_ma;
    let before = amplitude(&s);
    s.apply(RemoteKey::AmplitudeUp).unwrap();
    assert!((amplitude(&s) - before - step).abs() < 1e-9);
    while s.apply(RemoteKey::AmplitudeUp).is_ok() {}
    assert_eq!(amplitude(&s), w.max_ma);
    let refusal = s.apply(RemoteKey::AmplitudeUp).unwrap_err();
    assert!(
        matches!(refusal, Refusal::AtMaximum { .. }) && refusal.to_string().contains("Maximum"),
        "{refusal}"
    );
    while s.apply(RemoteKey::AmplitudeDown).is_ok() {}
    assert_eq!(amplitude(&s), w.min_ma);
    assert!(
        s.apply(RemoteKey::AmplitudeDown)
            .unwrap_err()
            .to_string()
            .contains("Minimum")
    );
}

#[test]
fn the_patient_cannot_program_and_the_clinician_can() {
    let mut s = patient_session();
    assert_eq!(
        s.apply(ProgrammerEdit::SetAmplitude(20.0)),
        Err(Refusal::NotAllowed)
    );
    assert_eq!(
        s.apply(ProgrammerEdit::SetPulseWidth(500.0)),
        Err(Refusal::NotAllowed)
    );
    // Claiming to be the clinician is not enough: the programmer needs the PIN first.
    assert_eq!(
        s.apply_as(Role::Clinician, ProgrammerEdit::SetPulseWidth(500.0)),
        Err(Refusal::NotAllowed)
    );
    login(&mut s);
    assert!(
        s.apply_as(Role::Clinician, ProgrammerEdit::SetPulseWidth(500.0))
            .is_ok()
    );
    assert_eq!(s.device().unwrap().program().settings.pulse_width_us, 500.0);
    assert!(
        s.log.iter().any(|e| e.refused.is_some()),
        "refusals are logged too"
    );
}

#[test]
fn lock_and_lost_link_block_the_remote() {
    let mut s = patient_session();
    s.apply(RemoteKey::Lock).unwrap();
    let before = amplitude(&s);
    assert!(
        s.apply(RemoteKey::AmplitudeUp)
            .unwrap_err()
            .to_string()
            .contains("locked")
    );
    assert!(s.apply(RemoteKey::TherapyOff).is_err());
    assert_eq!(amplitude(&s), before);
    s.apply(RemoteKey::Unlock).unwrap();
    s.apply(WorldEvent::SetLink(Link::Lost)).unwrap();
    assert!(
        s.apply(RemoteKey::AmplitudeUp)
            .unwrap_err()
            .to_string()
            .contains("Unable to connect")
    );
    s.apply(WorldEvent::SetLink(Link::Connected)).unwrap();
    assert!(s.apply(RemoteKey::AmplitudeUp).is_ok());
}

#[test]
fn mri_mode_stops_stimulation_and_refuses_therapy_on() {
    let mut s = patient_session();
    s.apply(RemoteKey::MriMode(true)).unwrap();
    assert!(!s.device().unwrap().therapy_on && s.instant_ma() == 0.0);
    assert!(
        s.apply(RemoteKey::TherapyOn)
            .unwrap_err()
            .to_string()
            .contains("MRI")
    );
    assert!(s.view().alerts.iter().any(|a| a.code == WarningCode::Mri));
    s.apply(RemoteKey::MriMode(false)).unwrap();
    assert!(s.apply(RemoteKey::TherapyOn).is_ok());
}

#[test]
fn polarity_and_waveform_changes_zero_the_amplitude() {
    let mut s = patient_session();
    login(&mut s);
    s.apply_as(Role::Clinician, ProgrammerEdit::SetAmplitude(5.0))
        .unwrap();
    s.apply_as(
        Role::Clinician,
        ProgrammerEdit::SetContact {
            lead: 0,
            contact: 7,
            polarity: Polarity::Anode,
        },
    )
    .unwrap();
    assert_eq!(amplitude(&s), 0.0);
    s.apply_as(Role::Clinician, ProgrammerEdit::SetAmplitude(5.0))
        .unwrap();
    s.apply_as(
        Role::Clinician,
        ProgrammerEdit::SetWaveform(Waveform::Burst),
    )
    .unwrap();
    assert_eq!(amplitude(&s), 0.0);
    assert_eq!(s.device().unwrap().program().settings.burst_pulses, 5);
}

#[test]
fn an_open_contact_raises_check_lead_and_cannot_be_programmed() {
    let mut s = patient_session();
    login(&mut s);
    s.apply(WorldEvent::InjectFault(ContactFault {
        lead: 0,
        contact: 4,
        fault: Fault::Open,
    }))
    .unwrap();
    let v = s.view();
    assert!(
        v.alerts
            .iter()
            .any(|a| a.code == WarningCode::Impedance && a.message.starts_with("Check lead"))
    );
    let e = s.apply_as(
        Role::Clinician,
        ProgrammerEdit::SetContact {
            lead: 0,
            contact: 4,
            polarity: Polarity::Cathode,
        },
    );
    assert!(e.unwrap_err().to_string().contains("disabled"));
}

#[test]
fn a_drained_battery_stops_stimulation_until_recharged() {
    let mut s = patient_session();
    s.apply(WorldEvent::SetBattery(0.0)).unwrap();
    assert!(!s.device().unwrap().therapy_on);
    assert!(
        s.apply(RemoteKey::TherapyOn)
            .unwrap_err()
            .to_string()
            .contains("Battery depleted")
    );
    s.apply(WorldEvent::Recharge).unwrap();
    assert!(s.apply(RemoteKey::TherapyOn).is_ok());
    s.apply(WorldEvent::SetBattery(20.0)).unwrap();
    assert!(s.view().alerts.iter().any(|a| a.message == "Recharge soon"));
}

#[test]
fn stimulation_drains_the_battery_more_than_idling() {
    let mut on = patient_session();
    login(&mut on);
    on.apply_as(Role::Clinician, ProgrammerEdit::SetAmplitude(8.0))
        .unwrap();
    let mut off = on.clone();
    off.apply(RemoteKey::TherapyOff).unwrap();
    on.step(3600.0);
    off.step(3600.0);
    assert!(on.device().unwrap().battery.energy_j < off.device().unwrap().battery.energy_j);
}

#[test]
fn same_seed_and_commands_give_identical_results() {
    let run = |seed| {
        let (p, d) = library::default_patient();
        let mut s = Session::new(p, d, Role::Clinician, seed);
        s.apply(RemoteKey::TherapyOn).unwrap();
        s.apply(ProgrammerEdit::SetAmplitude(7.0)).unwrap();
        let mut out = Vec::new();
        for i in 0..120 {
            if i == 60 {
                s.apply(WorldEvent::SetPosture(Posture::Supine)).unwrap();
            }
            s.step(5.0);
            out.push(s.view().pain.vas);
        }
        out
    };
    assert_eq!(run(3), run(3));
    assert_ne!(run(3), run(4), "the seed drives the fluctuation");
}

/// Whether a refusal is the one a bad value must meet.
type Rule = fn(&Refusal) -> bool;

fn setting(r: &Refusal, name: &str) -> bool {
    matches!(r, Refusal::Setting { field, .. } if field == name)
}

/// Each bad value, the rule that must refuse it, and the same command with a good value,
/// which the logged-in clinician's session accepts: the refusal is the value's, never
/// the sender's.
fn bad_values() -> Vec<(Command, Rule, Command)> {
    use scs_sim::patient::anatomy::REGIONS;
    let window =
        |min_ma, max_ma| ProgrammerEdit::SetPatientWindow(PatientWindow { min_ma, max_ma });
    let contacts = |code: &str| ProgrammerEdit::SetContacts {
        code: code.into(),
        case_anode: false,
    };
    vec![
        (
            ProgrammerEdit::SetAmplitude(f64::NAN).into(),
            |r| setting(r, "amplitude_ma"),
            ProgrammerEdit::SetAmplitude(4.0).into(),
        ),
        (
            ProgrammerEdit::SetAmplitude(-1.0).into(),
            |r| setting(r, "amplitude_ma"),
            ProgrammerEdit::SetAmplitude(0.0).into(),
        ),
        (
            ProgrammerEdit::SetAmplitude(MAX_AMPLITUDE_MA + 0.1).into(),
            |r| setting(r, "amplitude_ma"),
            ProgrammerEdit::SetAmplitude(MAX_AMPLITUDE_MA).into(),
        ),
        (
            ProgrammerEdit::SetPulseWidth(5.0).into(),
            |r| setting(r, "pulse_width_us"),
            ProgrammerEdit::SetPulseWidth(200.0).into(),
        ),
        (
            ProgrammerEdit::SetRate(f64::INFINITY).into(),
            |r| setting(r, "rate_hz"),
            ProgrammerEdit::SetRate(60.0).into(),
        ),
        // The inverted window: both ends in range, the minimum above the maximum.
        (
            window(5.0, 2.0).into(),
            |r| setting(r, "patient_window"),
            window(2.0, 5.0).into(),
        ),
        (
            contacts("0+0+0000").into(),
            |r| matches!(r, Refusal::Contacts(_)),
            contacts("0+-+0000").into(),
        ),
        (
            RemoteKey::SelectProgram(9).into(),
            |r| matches!(r, Refusal::NoProgram { index: 9, .. }),
            RemoteKey::SelectProgram(1).into(),
        ),
        (
            WorldEvent::SetCsf(Some(-2.0)).into(),
            |r| matches!(r, Refusal::Scene(_)),
            WorldEvent::SetCsf(Some(3.0)).into(),
        ),
        (
            WorldEvent::SetPain(vec![11.0; REGIONS.len()]).into(),
            |r| matches!(r, Refusal::PainOutOfRange { vas, .. } if *vas == 11.0),
            WorldEvent::SetPain(vec![4.0; REGIONS.len()]).into(),
        ),
    ]
}

#[test]
fn bad_values_are_refused_and_change_nothing() {
    let mut s = patient_session();
    login(&mut s);
    let cases = bad_values();
    assert_eq!(cases.len(), 10);
    for (bad, rule, good) in cases {
        let mut tried = s.clone();
        let refusal = tried.apply_as(Role::Clinician, bad.clone()).unwrap_err();
        assert!(
            rule(&refusal),
            "{bad:?} refused by another rule: {refusal:?}"
        );
        assert_eq!(tried.device(), s.device(), "{bad:?} changed the device");
        assert_eq!(
            tried.view(),
            s.view(),
            "{bad:?} changed what the patient feels"
        );
        let mut fine = s.clone();
        assert!(
            fine.apply_as(Role::Clinician, good.clone()).is_ok(),
            "{good:?}, the good twin of {bad:?}, should be accepted"
        );
    }
}

fn any_command() -> impl Strategy<Value = Command> {
    prop_oneof![
        Just(Command::from(RemoteKey::TherapyOn)),
        Just(Command::from(RemoteKey::TherapyOff)),
        Just(Command::from(RemoteKey::AmplitudeUp)),
        Just(Command::from(RemoteKey::AmplitudeDown)),
        (0usize..5).prop_map(|x| Command::from(RemoteKey::SelectProgram(x))),
        Just(Command::from(RemoteKey::Lock)),
        Just(Command::from(RemoteKey::Unlock)),
        any::<bool>().prop_map(|x| Command::from(RemoteKey::MriMode(x))),
        (-5.0f64..40.0).prop_map(|x| Command::from(ProgrammerEdit::SetAmplitude(x))),
        (0.0f64..1200.0).prop_map(|x| Command::from(ProgrammerEdit::SetPulseWidth(x))),
        (0.0f64..12000.0).prop_map(|x| Command::from(ProgrammerEdit::SetRate(x))),
        prop_oneof![
            Just(Waveform::Tonic),
            Just(Waveform::Burst),
            Just(Waveform::HighFrequency)
        ]
        .prop_map(|x| Command::from(ProgrammerEdit::SetWaveform(x))),
        (
            0usize..2,
            0usize..8,
            prop_oneof![
                Just(Polarity::Off),
                Just(Polarity::Anode),
                Just(Polarity::Cathode)
            ]
        )
            .prop_map(|(lead, contact, polarity)| Command::from(
                ProgrammerEdit::SetContact {
                    lead,
                    contact,
                    polarity
                }
            )),
        (-1.0f64..30.0, -1.0f64..30.0).prop_map(|(a, b)| Command::from(
            ProgrammerEdit::SetPatientWindow(PatientWindow {
                min_ma: a,
                max_ma: b
            })
        )),
        prop_oneof![
            Just(Posture::Supine),
            Just(Posture::Sitting),
            Just(Posture::Prone)
        ]
        .prop_map(|x| Command::from(WorldEvent::SetPosture(x))),
        (0usize..2, 0usize..8).prop_map(|(lead, contact)| Command::from(WorldEvent::InjectFault(
            ContactFault {
                lead,
                contact,
                fault: Fault::Open
            }
        ))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn random_command_sequences_keep_the_invariants(
        commands in proptest::collection::vec((any::<bool>(), any_command(), 0.0f64..120.0), 1..40)
    ) {
        let (p, d) = library::default_patient();
        let mut s = Session::new(p, d, Role::Patient, 11);
        // The clinician is logged in: a programmer edit meets the rule on its value.
        login(&mut s);
        for (as_clinician, command, dt) in commands {
            let role = if as_clinician { Role::Clinician } else { Role::Patient };
            let before = s.device().unwrap().program().settings.amplitude_ma;
            let window_before = s.device().unwrap().program().window;
            let result = s.apply_as(role, command.clone());
            if role == Role::Clinician && matches!(command, Command::Programmer(_)) {
                prop_assert_ne!(&result, &Err(Refusal::NotAllowed));
            }
            if let Command::Programmer(ProgrammerEdit::SetPatientWindow(w)) = &command
                && w.min_ma > w.max_ma
            {
                prop_assert!(result.is_err(), "an inverted window {:?} was accepted", w);
                prop_assert_eq!(s.device().unwrap().program().window, window_before);
            }
            let prog = s.device().unwrap().program();
            let a = prog.settings.amplitude_ma;
            prop_assert!(a.is_finite() && (0.0..=MAX_AMPLITUDE_MA).contains(&a));
            if role == Role::Patient && result.is_ok() && matches!(command, Command::Remote(RemoteKey::AmplitudeUp | RemoteKey::AmplitudeDown)) {
                prop_assert!(a <= prog.window.max_ma.max(before) + 1e-9 && a >= prog.window.min_ma.min(before) - 1e-9);
            }
            prop_assert!(prog.settings.problems().is_empty());
            s.step(dt);
            let v = s.view();
            prop_assert!(v.pain.vas.is_finite() && (0.0..=10.0).contains(&v.pain.vas));
            prop_assert!(v.pain.relief_percent.is_finite());
            prop_assert!(v.response.perception.paresthesia.iter().all(|x| x.is_finite() && (0.0..=1.0).contains(x)));
            prop_assert!(v.delivered_ma <= a + 1e-9);
            if s.device().unwrap().mri_mode { prop_assert_eq!(v.delivered_ma, 0.0); }
        }
    }
}

#[test]
fn a_recorded_session_replays_to_the_same_state_however_time_was_stepped() {
    use scs_sim::session::record::{Recording, read, save};
    let (p, d) = library::default_patient();
    let mut s = Session::new(p, d, Role::Patient, 9);
    s.apply(RemoteKey::TherapyOn).unwrap();
    for i in 0..600 {
        // GUI-like frames of 1/60 s at 10× speed.
        s.step(10.0 / 60.0);
        if i % 97 == 0 {
            let _ = s.apply(RemoteKey::AmplitudeUp);
        }
        if i == 300 {
            s.apply(WorldEvent::SetPosture(Posture::Supine)).unwrap();
        }
    }
    let replayed = Recording::of(&s, "fbss").replay().unwrap();
    assert_eq!(replayed.t_s, s.t_s);
    assert_eq!(replayed.device().unwrap(), s.device().unwrap());
    assert_eq!(replayed.view(), s.view());
    let path = std::env::temp_dir().join(format!("scs-session-{}.ron", std::process::id()));
    save(&path, &s, "fbss").unwrap();
    let mut loaded = read(&path).unwrap().replay().unwrap();
    assert_eq!(loaded.view(), s.view());
    // Both go on to give the same series.
    let series = |x: &mut Session| {
        (0..10)
            .map(|_| {
                x.step(60.0);
                x.view().pain.vas
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(series(&mut loaded), series(&mut s));
}

#[test]
fn a_step_from_outside_the_window_lands_inside_it() {
    let mut s = patient_session();
    login(&mut s);
    s.apply_as(
        Role::Clinician,
        ProgrammerEdit::SetPatientWindow(PatientWindow {
            min_ma: 2.0,
            max_ma: 4.0,
        }),
    )
    .unwrap();
    s.apply_as(Role::Clinician, ProgrammerEdit::SetAmplitude(0.0))
        .unwrap();
    s.apply(RemoteKey::AmplitudeUp).unwrap();
    assert_eq!(amplitude(&s), 2.0);
    s.apply_as(Role::Clinician, ProgrammerEdit::SetAmplitude(9.0))
        .unwrap();
    s.apply(RemoteKey::AmplitudeDown).unwrap();
    assert_eq!(amplitude(&s), 4.0);
}
