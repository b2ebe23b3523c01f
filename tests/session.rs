//! Session rules: the remote's limits, lock, link, MRI, programming interlocks,
//! determinism, and random command sequences that never break the invariants.

use proptest::prelude::*;
use scs_sim::device::impedance::{ContactFault, Fault};
use scs_sim::device::lead::Polarity;
use scs_sim::device::program::{MAX_AMPLITUDE_MA, PatientWindow, Waveform};
use scs_sim::library;
use scs_sim::patient::anatomy::Posture;
use scs_sim::remote::Link;
use scs_sim::session::{Command, Refusal, Role, Session};

fn patient_session() -> Session {
    let (p, d) = library::default_patient();
    let mut s = Session::new(p, d, Role::Patient, 7);
    s.apply(Command::TherapyOn).unwrap();
    s
}

fn amplitude(s: &Session) -> f64 {
    s.device.program().settings.amplitude_ma
}

#[test]
fn the_remote_moves_amplitude_in_steps_and_stops_at_the_window() {
    let mut s = patient_session();
    let w = s.device.program().window;
    let step = s.device.program().step_ma;
    let before = amplitude(&s);
    s.apply(Command::AmplitudeUp).unwrap();
    assert!((amplitude(&s) - before - step).abs() < 1e-9);
    while s.apply(Command::AmplitudeUp).is_ok() {}
    assert_eq!(amplitude(&s), w.max_ma);
    let refusal = s.apply(Command::AmplitudeUp).unwrap_err();
    assert!(
        matches!(refusal, Refusal::Limit(_)) && refusal.to_string().contains("Maximum"),
        "{refusal}"
    );
    while s.apply(Command::AmplitudeDown).is_ok() {}
    assert_eq!(amplitude(&s), w.min_ma);
    assert!(
        s.apply(Command::AmplitudeDown)
            .unwrap_err()
            .to_string()
            .contains("Minimum")
    );
}

#[test]
fn the_patient_cannot_program_and_the_clinician_can() {
    let mut s = patient_session();
    assert_eq!(
        s.apply(Command::SetAmplitude(20.0)),
        Err(Refusal::NotAllowed)
    );
    assert_eq!(
        s.apply(Command::SetPulseWidth(500.0)),
        Err(Refusal::NotAllowed)
    );
    assert!(
        s.apply_as(Role::Clinician, Command::SetPulseWidth(500.0))
            .is_ok()
    );
    assert_eq!(s.device.program().settings.pulse_width_us, 500.0);
    assert!(
        s.log.iter().any(|e| e.refused.is_some()),
        "refusals are logged too"
    );
}

#[test]
fn lock_and_lost_link_block_the_remote() {
    let mut s = patient_session();
    s.apply(Command::Lock).unwrap();
    let before = amplitude(&s);
    assert!(
        s.apply(Command::AmplitudeUp)
            .unwrap_err()
            .to_string()
            .contains("locked")
    );
    assert!(s.apply(Command::TherapyOff).is_err());
    assert_eq!(amplitude(&s), before);
    s.apply(Command::Unlock).unwrap();
    s.apply(Command::SetLink(Link::Lost)).unwrap();
    assert!(
        s.apply(Command::AmplitudeUp)
            .unwrap_err()
            .to_string()
            .contains("Unable to connect")
    );
    s.apply(Command::SetLink(Link::Connected)).unwrap();
    assert!(s.apply(Command::AmplitudeUp).is_ok());
}

#[test]
fn mri_mode_stops_stimulation_and_refuses_therapy_on() {
    let mut s = patient_session();
    s.apply(Command::MriMode(true)).unwrap();
    assert!(!s.device.therapy_on && s.instant_ma() == 0.0);
    assert!(
        s.apply(Command::TherapyOn)
            .unwrap_err()
            .to_string()
            .contains("MRI")
    );
    assert!(s.view().alerts.iter().any(|a| a.code == "mri"));
    s.apply(Command::MriMode(false)).unwrap();
    assert!(s.apply(Command::TherapyOn).is_ok());
}

#[test]
fn polarity_and_waveform_changes_zero_the_amplitude() {
    let mut s = patient_session();
    s.apply_as(Role::Clinician, Command::SetAmplitude(5.0))
        .unwrap();
    s.apply_as(
        Role::Clinician,
        Command::SetContact {
            lead: 0,
            contact: 7,
            polarity: Polarity::Anode,
        },
    )
    .unwrap();
    assert_eq!(amplitude(&s), 0.0);
    s.apply_as(Role::Clinician, Command::SetAmplitude(5.0))
        .unwrap();
    s.apply_as(Role::Clinician, Command::SetWaveform(Waveform::Burst))
        .unwrap();
    assert_eq!(amplitude(&s), 0.0);
    assert_eq!(s.device.program().settings.burst_pulses, 5);
}

#[test]
fn an_open_contact_raises_check_lead_and_cannot_be_programmed() {
    let mut s = patient_session();
    s.apply(Command::InjectFault(ContactFault {
        lead: 0,
        contact: 4,
        fault: Fault::Open,
    }))
    .unwrap();
    let v = s.view();
    assert!(
        v.alerts
            .iter()
            .any(|a| a.code == "impedance" && a.message.starts_with("Check lead"))
    );
    let e = s.apply_as(
        Role::Clinician,
        Command::SetContact {
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
    s.apply(Command::SetBattery(0.0)).unwrap();
    assert!(!s.device.therapy_on);
    assert!(
        s.apply(Command::TherapyOn)
            .unwrap_err()
            .to_string()
            .contains("Battery depleted")
    );
    s.apply(Command::Recharge).unwrap();
    assert!(s.apply(Command::TherapyOn).is_ok());
    s.apply(Command::SetBattery(20.0)).unwrap();
    assert!(s.view().alerts.iter().any(|a| a.message == "Recharge soon"));
}

#[test]
fn stimulation_drains_the_battery_more_than_idling() {
    let mut on = patient_session();
    on.apply_as(Role::Clinician, Command::SetAmplitude(8.0))
        .unwrap();
    let mut off = on.clone();
    off.apply(Command::TherapyOff).unwrap();
    on.step(3600.0);
    off.step(3600.0);
    assert!(on.device.battery.energy_j < off.device.battery.energy_j);
}

#[test]
fn same_seed_and_commands_give_identical_results() {
    let run = |seed| {
        let (p, d) = library::default_patient();
        let mut s = Session::new(p, d, Role::Clinician, seed);
        s.apply(Command::TherapyOn).unwrap();
        s.apply(Command::SetAmplitude(7.0)).unwrap();
        let mut out = Vec::new();
        for i in 0..120 {
            if i == 60 {
                s.apply(Command::SetPosture(Posture::Supine)).unwrap();
            }
            s.step(5.0);
            out.push(s.view().pain.vas);
        }
        out
    };
    assert_eq!(run(3), run(3));
    assert_ne!(run(3), run(4), "the seed drives the fluctuation");
}

#[test]
fn bad_values_are_refused_and_change_nothing() {
    let mut s = patient_session();
    let before = s.device.clone();
    for c in [
        Command::SetAmplitude(f64::NAN),
        Command::SetAmplitude(-1.0),
        Command::SetAmplitude(MAX_AMPLITUDE_MA + 0.1),
        Command::SetPulseWidth(5.0),
        Command::SetRate(f64::INFINITY),
        Command::SetPatientWindow(PatientWindow {
            min_ma: 5.0,
            max_ma: 2.0,
        }),
        Command::SetContacts {
            code: "0+0+0000".into(),
            case_anode: false,
        },
        Command::SelectProgram(9),
        Command::SetCsf(Some(-2.0)),
        Command::SetPain(vec![11.0; 23]),
    ] {
        assert!(
            s.apply_as(Role::Clinician, c.clone()).is_err(),
            "{c:?} should be refused"
        );
    }
    assert_eq!(s.device, before);
}

fn any_command() -> impl Strategy<Value = Command> {
    prop_oneof![
        Just(Command::TherapyOn),
        Just(Command::TherapyOff),
        Just(Command::AmplitudeUp),
        Just(Command::AmplitudeDown),
        (0usize..5).prop_map(Command::SelectProgram),
        Just(Command::Lock),
        Just(Command::Unlock),
        any::<bool>().prop_map(Command::MriMode),
        (-5.0f64..40.0).prop_map(Command::SetAmplitude),
        (0.0f64..1200.0).prop_map(Command::SetPulseWidth),
        (0.0f64..12000.0).prop_map(Command::SetRate),
        prop_oneof![
            Just(Waveform::Tonic),
            Just(Waveform::Burst),
            Just(Waveform::HighFrequency)
        ]
        .prop_map(Command::SetWaveform),
        (
            0usize..2,
            0usize..8,
            prop_oneof![
                Just(Polarity::Off),
                Just(Polarity::Anode),
                Just(Polarity::Cathode)
            ]
        )
            .prop_map(|(lead, contact, polarity)| Command::SetContact {
                lead,
                contact,
                polarity
            }),
        (-1.0f64..30.0, -1.0f64..30.0).prop_map(|(a, b)| Command::SetPatientWindow(
            PatientWindow {
                min_ma: a,
                max_ma: b
            }
        )),
        prop_oneof![
            Just(Posture::Supine),
            Just(Posture::Sitting),
            Just(Posture::Prone)
        ]
        .prop_map(Command::SetPosture),
        (0usize..2, 0usize..8).prop_map(|(lead, contact)| Command::InjectFault(ContactFault {
            lead,
            contact,
            fault: Fault::Open
        })),
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
        for (as_clinician, command, dt) in commands {
            let role = if as_clinician { Role::Clinician } else { Role::Patient };
            let before = s.device.program().settings.amplitude_ma;
            let result = s.apply_as(role, command.clone());
            let prog = s.device.program();
            let a = prog.settings.amplitude_ma;
            prop_assert!(a.is_finite() && (0.0..=MAX_AMPLITUDE_MA).contains(&a));
            if role == Role::Patient && result.is_ok() && matches!(command, Command::AmplitudeUp | Command::AmplitudeDown) {
                prop_assert!(a <= prog.window.max_ma.max(before) + 1e-9 && a >= prog.window.min_ma.min(before) - 1e-9);
            }
            prop_assert!(prog.settings.problems().is_empty());
            s.step(dt);
            let v = s.view();
            prop_assert!(v.pain.vas.is_finite() && (0.0..=10.0).contains(&v.pain.vas));
            prop_assert!(v.pain.relief_percent.is_finite());
            prop_assert!(v.response.perception.paresthesia.iter().all(|x| x.is_finite() && (0.0..=1.0).contains(x)));
            prop_assert!(v.delivered_ma <= a + 1e-9);
            if s.device.mri_mode { prop_assert_eq!(v.delivered_ma, 0.0); }
        }
    }
}

#[test]
fn a_recorded_session_replays_to_the_same_state_however_time_was_stepped() {
    use scs_sim::session::record::{Recording, load, save};
    let (p, d) = library::default_patient();
    let mut s = Session::new(p, d, Role::Patient, 9);
    s.apply(Command::TherapyOn).unwrap();
    for i in 0..600 {
        // GUI-like frames of 1/60 s at 10× speed.
        s.step(10.0 / 60.0);
        if i % 97 == 0 {
            let _ = s.apply(Command::AmplitudeUp);
        }
        if i == 300 {
            s.apply(Command::SetPosture(Posture::Supine)).unwrap();
        }
    }
    let replayed = Recording::of(&s, "fbss").replay().unwrap();
    assert_eq!(replayed.t_s, s.t_s);
    assert_eq!(replayed.device, s.device);
    assert_eq!(replayed.view(), s.view());
    let path = std::env::temp_dir().join(format!("scs-session-{}.ron", std::process::id()));
    save(&path, &s, "fbss").unwrap();
    let mut loaded = load(&path).unwrap();
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
    s.apply_as(
        Role::Clinician,
        Command::SetPatientWindow(PatientWindow {
            min_ma: 2.0,
            max_ma: 4.0,
        }),
    )
    .unwrap();
    s.apply_as(Role::Clinician, Command::SetAmplitude(0.0))
        .unwrap();
    s.apply(Command::AmplitudeUp).unwrap();
    assert_eq!(amplitude(&s), 2.0);
    s.apply_as(Role::Clinician, Command::SetAmplitude(9.0))
        .unwrap();
    s.apply(Command::AmplitudeDown).unwrap();
    assert_eq!(amplitude(&s), 4.0);
}
