//! The clinician programmer as a trainee uses it: steppers, the threshold ramp, steering,
//! blind mode and asking the patient, driven by accessible labels, asserted on the session.
#![cfg(feature = "gui")]
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};
use scs_sim::device::lead::Polarity;
use scs_sim::patient::perception::PERCEPTION_LEVEL;
use scs_sim::session::{AccessRequest, Command, ProgrammerEdit, RemoteKey, Role};
use scs_sim::ui::App;
use scs_sim::ui::prefs::{Prefs, Speed};

mod common;

/// The window at 1280 × 720 (a projector), time paused, with these preferences.
fn small_harness(prefs: Prefs) -> Harness<'static, App> {
    common::sized_app(prefs, [1280.0, 720.0], None)
}

/// The programmer open at 1280 × 720, the clinician logged in.
fn programmer(prefs: Prefs) -> Harness<'static, App> {
    let mut h = small_harness(prefs);
    common::log_in_clinician(&mut h);
    h
}

/// Scrolls the control labelled `label` into view and clicks it, as a person would.
fn tap(h: &mut Harness<'_, App>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    // Scrolling is animated: let it settle before the pointer goes there.
    h.run_steps(8);
    h.get_by_label(label).click();
    h.run_steps(2);
}

fn settings(h: &Harness<'_, App>) -> scs_sim::device::program::Settings {
    h.state().session().device().unwrap().program().settings
}

/// Every label and value in the accessibility tree that contains `text`.
fn texts_containing(h: &Harness<'_, App>, text: &str) -> Vec<String> {
    h.query_all(by().predicate(|n| {
        n.label().is_some_and(|l| l.contains(text)) || n.value().is_some_and(|v| v.contains(text))
    }))
    .map(|n| format!("{n:?}"))
    .collect()
}

#[test]
fn a_typed_pulse_width_applies_once_on_enter() {
    let mut h = programmer(Prefs::default());
    let before = h.state().session().log.len();
    h.get_by_label("Pulse width (µs)").focus();
    h.run_steps(2);
    h.get_by_label("Pulse width (µs)").type_text("450");
    h.run_steps(2);
    assert_eq!(
        settings(&h).pulse_width_us,
        300.0,
        "nothing applies while typing"
    );
    h.key_press(egui::Key::Enter);
    h.run_steps(2);
    assert_eq!(settings(&h).pulse_width_us, 450.0);
    let log = &h.state().session().log[before..];
    assert_eq!(log.len(), 1, "one logged change: {log:?}");
    assert_eq!(
        log[0].command,
        Command::Programmer(ProgrammerEdit::SetPulseWidth(450.0))
    );
}

#[test]
fn the_stepper_buttons_step_once_per_click() {
    let mut h = programmer(Prefs::default());
    let a = settings(&h).amplitude_ma;
    tap(&mut h, "Amplitude (mA) +");
    assert!((settings(&h).amplitude_ma - a - 0.1).abs() < 1e-9);
    tap(&mut h, "Rate (Hz) −");
    assert_eq!(settings(&h).rate_hz, 40.0);
}

#[test]
fn the_ramp_refuses_with_stimulation_off_and_stops_at_the_complaint_or_a_warning() {
    let mut h = programmer(Prefs::default());
    assert!(!h.state().session().device().unwrap().therapy_on);
    tap(&mut h, "Ramp amplitude");
    h.state_mut().advance_time_for_test(30.0);
    assert_eq!(
        settings(&h).amplitude_ma,
        3.0,
        "no climb with stimulation off"
    );
    let said = h.state().ramp_stopped().unwrap_or_default();
    assert!(said.contains("stimulation on"), "{said}");
    assert!(h.query_by_label_contains("Turn stimulation on").is_some());

    tap(&mut h, "Stimulation on");
    assert!(h.state().session().device().unwrap().therapy_on);
    tap(&mut h, "Ramp amplitude");
    h.state_mut().advance_time_for_test(600.0);
    h.run_steps(1);
    let s = h.state().session();
    let top = s.device().unwrap().program().settings.amplitude_ma;
    let dt = s.discomfort_threshold().unwrap();
    assert!(
        top < dt + 0.25,
        "stopped at {top} mA, discomfort at {dt} mA"
    );
    let said = h.state().ramp_stopped().unwrap_or_default();
    assert!(
        said.contains("uncomfortable") || said.contains("warning"),
        "{said}"
    );
    let view = s.view();
    assert!(
        view.response.perception.uncomfortable || view.alerts.iter().any(|w| w.code.is_safety()),
        "it stopped for a reason the patient or the device gives"
    );
}

#[test]
fn a_steering_arrow_moves_the_cathode() {
    let mut h = programmer(Prefs::default());
    let leads = |h: &Harness<'_, App>| {
        h.state()
            .session()
            .device()
            .unwrap()
            .program()
            .electrodes
            .leads
            .clone()
    };
    assert_eq!(leads(&h)[0][4], Polarity::Cathode);
    tap(&mut h, "Steer up");
    let l = leads(&h);
    assert_eq!(l[0][3], Polarity::Cathode, "{l:?}");
    assert_eq!(l[0][2], Polarity::Anode);
    assert_eq!(l[0][4], Polarity::Anode);
    tap(&mut h, "Steer right");
    let shares = scs_sim::session::steering::cathodic_shares(
        &h.state().session().device().unwrap().program().electrodes,
    );
    assert!((shares[1] - 60.0).abs() < 1e-6, "{shares:?}");
}

#[test]
fn asking_the_patient_gets_words_that_follow_the_model() {
    let mut h = programmer(Prefs::default());
    tap(&mut h, "Ask the patient");
    tap(&mut h, "Where do you feel it?");
    let said = h
        .state()
        .conversation()
        .last()
        .unwrap()
        .answer
        .words
        .clone();
    assert_eq!(said, "I don't feel any tingling.", "stimulation is off");
    tap(&mut h, "Stimulation on");
    h.state_mut()
        .session_mut()
        .apply(ProgrammerEdit::SetAmplitude(6.0))
        .unwrap();
    tap(&mut h, "Where do you feel it?");
    let felt = h.state().session().view().response.perception.paresthesia;
    let strongest = (0..felt.len())
        .max_by(|a, b| felt[*a].total_cmp(&felt[*b]))
        .unwrap();
    assert!(felt[strongest] >= PERCEPTION_LEVEL, "6 mA is felt");
    let region = scs_sim::patient::anatomy::REGIONS[strongest].words;
    let said = h
        .state()
        .conversation()
        .last()
        .unwrap()
        .answer
        .words
        .clone();
    assert!(said.contains(region), "“{said}” names {region}");
    assert!(
        h.query_by_label_contains(&said).is_some(),
        "the answer is in the conversation"
    );
    tap(&mut h, "Rate your pain 0–10");
    let vas = h.state().conversation().last().unwrap().answer.vas.unwrap();
    let true_vas = h.state().session().view().pain.vas;
    assert!(
        (f64::from(vas) - true_vas).abs() <= 1.5,
        "{vas} vs {true_vas}"
    );
    tap(&mut h, "Draw where it tingles");
    assert!(
        !h.state()
            .conversation()
            .last()
            .unwrap()
            .answer
            .drawing
            .is_empty()
    );
    h.snapshot("programmer_1280x720");
}

#[test]
fn blind_mode_hides_every_number_the_patient_would_have_to_tell() {
    let mut h = programmer(Prefs {
        blind: true,
        ..Prefs::default()
    });
    {
        let s = h.state_mut().session_mut();
        s.apply_as(Role::Clinician, RemoteKey::TherapyOn).unwrap();
        s.apply(ProgrammerEdit::SetAmplitude(6.0)).unwrap();
        s.step(600.0);
    }
    h.run_steps(3);
    assert!(h.state().blind());
    let s = h.state().session();
    let view = s.view();
    assert!(view.pain.relief_percent > 5.0, "there is relief to hide");
    for truth in [
        format!("{:.1} mA", s.perception_threshold().unwrap()),
        format!("{:.1} mA", s.discomfort_threshold().unwrap()),
        "relief".to_string(),
        "coverage".to_string(),
        "Feels tingling".to_string(),
    ] {
        let found = texts_containing(&h, &truth);
        assert!(found.is_empty(), "{truth} is on screen: {found:?}");
    }
    let percent = texts_containing(&h, &format!("{:.0}%", view.pain.relief_percent));
    assert!(percent.is_empty(), "relief % on screen: {percent:?}");
    assert!(
        h.query_by_label("Inside: lead on the spine (side view)")
            .is_none()
    );
    h.snapshot("blind_mode_1280x720");
}

#[test]
fn an_exercise_runs_at_ten_times_blind_with_its_brief_and_titles_in_the_menus() {
    let mut h = small_harness(Prefs {
        speed: Speed::X60,
        ..Prefs::default()
    });
    common::teach(&mut h);
    assert!(h.query_by_label_contains("fbss").is_none(), "no raw ids");
    tap(&mut h, "Start exercise");
    assert_eq!(h.state().prefs().speed, Speed::X10);
    assert!(h.state().blind());
    assert!(
        h.query_by_label("Exercise").is_some(),
        "the brief beside the programmer"
    );
    tap(&mut h, "60×");
    assert_eq!(h.state().prefs().speed, Speed::X10, "the speed is fixed");
}

#[test]
fn holding_the_on_screen_plus_with_the_mouse_repeats_in_real_time() {
    let mut h = small_harness(Prefs::default());
    h.get_by_label("Therapy on").click();
    h.run_steps(2);
    let start = settings(&h).amplitude_ma;
    let centre = h.get_by_label("Increase amplitude").rect().center();
    h.event(egui::Event::PointerMoved(centre));
    h.event(egui::Event::PointerButton {
        pos: centre,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::default(),
    });
    // Three wall seconds held (12 frames of 0.25 s): a step a frame after the first 0.5 s.
    h.run_steps(12);
    h.event(egui::Event::PointerButton {
        pos: centre,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::default(),
    });
    h.run_steps(2);
    let step = h.state().session().device().unwrap().program().step_ma;
    let steps = ((settings(&h).amplitude_ma - start) / step).round();
    assert!((8.0..=12.0).contains(&steps), "{steps} steps in 3 s held");
}

#[test]
fn the_remote_speaks_like_a_patient_s_remote() {
    let mut h = small_harness(Prefs::default());
    {
        let s = h.state_mut().session_mut();
        s.apply(RemoteKey::TherapyOn).unwrap();
    }
    // Past the discomfort threshold: a clinician warning, not the patient's.
    h.state_mut()
        .session_mut()
        .apply(AccessRequest::EnterClinician {
            pin: scs_sim::clinician::DEFAULT_PIN.into(),
        })
        .unwrap();
    h.state_mut()
        .session_mut()
        .apply(ProgrammerEdit::SetAmplitude(10.0))
        .unwrap();
    h.state_mut()
        .session_mut()
        .apply(AccessRequest::LeaveClinician)
        .unwrap();
    h.run_steps(2);
    let s = h.state().session();
    let view = s.view();
    assert!(
        view.alerts.iter().any(|w| w.code.is_safety()),
        "a clinician warning is up: {:?}",
        view.alerts
    );
    assert_eq!(
        scs_sim::ui::remote_screen::patient_alert(s, &view),
        None,
        "the remote keeps it to itself"
    );
    h.snapshot("remote_1280x720");
    h.state_mut()
        .session_mut()
        .apply(scs_sim::session::WorldEvent::SetLink(
            scs_sim::remote::Link::Lost,
        ))
        .unwrap();
    let s = h.state().session();
    let said = scs_sim::ui::remote_screen::patient_alert(s, &s.view()).unwrap();
    assert!(said.starts_with("No link"), "{said}");
}
