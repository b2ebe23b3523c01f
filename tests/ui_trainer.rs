//! The clinician programmer, exercises and teacher tools, driven by accessible labels.
#![cfg(feature = "gui")]
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use scs_sim::device::lead::Polarity;
use scs_sim::session::{AccessRequest, ProgrammerEdit, RemoteKey, Role, WorldEvent};
use scs_sim::ui::{App, Mode};

mod common;
use common::harness;

fn enter_pin(h: &mut Harness<'_, App>, pin: &str) {
    h.get_by_label("PIN").focus();
    h.run_steps(1);
    h.get_by_label("PIN").type_text(pin);
    h.run_steps(1);
    h.get_by_label("Unlock").click();
    h.run_steps(2);
}

#[test]
fn clinician_mode_needs_the_right_pin() {
    let mut h = harness();
    h.get_by_label("Clinician").click();
    h.run_steps(2);
    enter_pin(&mut h, "1111");
    assert_eq!(h.state().session().role, Role::Patient);
    assert_eq!(h.state().clinician_message(), Some("Wrong PIN"));
    enter_pin(&mut h, scs_sim::clinician::DEFAULT_PIN);
    assert_eq!(h.state().session().role, Role::Clinician);
    assert!(h.query_by_label("Leave clinician mode").is_some());
}

fn clinician_harness() -> Harness<'static, App> {
    let mut h = harness();
    h.state_mut().set_mode(Mode::Clinician);
    h.state_mut()
        .session_mut()
        .apply(AccessRequest::EnterClinician {
            pin: scs_sim::clinician::DEFAULT_PIN.into(),
        })
        .unwrap();
    h.run_steps(2);
    h
}

#[test]
fn tapping_a_contact_cycles_its_polarity_and_zeroes_the_amplitude() {
    let mut h = clinician_harness();
    assert!(h.state().session().device.program().settings.amplitude_ma > 0.0);
    h.get_by_label("Lead 1 contact 7").click();
    h.run_steps(2);
    let p = h.state().session().device.program();
    assert_eq!(p.electrodes.leads[0][7], Polarity::Cathode);
    assert_eq!(p.settings.amplitude_ma, 0.0);
    h.snapshot("clinician_screen");
}

#[test]
fn the_impedance_check_flags_an_injected_open_circuit() {
    let mut h = clinician_harness();
    h.state_mut()
        .session_mut()
        .apply(WorldEvent::InjectFault(
            scs_sim::device::impedance::ContactFault {
                lead: 0,
                contact: 4,
                fault: scs_sim::device::impedance::Fault::Open,
            },
        ))
        .unwrap();
    h.get_by_label("Impedance check").click();
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("open circuit").is_some(),
        "the table flags the open contact"
    );
}

#[test]
fn an_exercise_is_scored_with_a_debrief() {
    let mut h = harness();
    h.state_mut().set_mode(Mode::Teach);
    h.run_steps(1);
    h.get_by_label("Start exercise").click();
    h.run_steps(2);
    assert_eq!(h.state().mode(), Mode::Clinician);
    {
        let s = h.state_mut().session_mut();
        s.apply(RemoteKey::TherapyOn).unwrap();
        s.apply(ProgrammerEdit::SetPulseWidth(450.0)).unwrap();
        s.apply(ProgrammerEdit::SetAmplitude(6.4)).unwrap();
        s.step(300.0);
    }
    h.state_mut().set_mode(Mode::Teach);
    h.run_steps(2);
    h.get_by_label("Finish and score").click();
    h.run_steps(3);
    let report = h.state().debrief().cloned().expect("a debrief");
    assert!(report.goal_met && report.score >= 80, "{report:?}");
    h.snapshot("exercise_debrief");
}

#[test]
fn the_relief_map_is_drawn_from_the_core() {
    let mut h = harness();
    h.state_mut().set_mode(Mode::Teach);
    h.run_steps(1);
    h.get_by_label("Compute relief map").click();
    h.run_steps(2);
    let map = h.state().relief_map().cloned().expect("a relief map");
    assert!(map.relief.iter().any(|r| *r > 20.0) && map.relief.iter().any(|r| *r < 1.0));
    h.snapshot("relief_map");
}

#[test]
fn save_load_and_replay_give_the_same_session() {
    let mut h = harness();
    let path = std::env::temp_dir().join(format!("scs-gui-session-{}.ron", std::process::id()));
    {
        let app = h.state_mut();
        app.session_mut().apply(RemoteKey::TherapyOn).unwrap();
        app.session_mut().apply(RemoteKey::AmplitudeUp).unwrap();
        app.advance_time_for_test(120.0);
        app.set_session_path(path.display().to_string());
        app.set_mode(Mode::Teach);
    }
    h.run_steps(1);
    let before = h.state().session().view();
    h.get_by_label("Save session").click();
    h.run_steps(1);
    h.state_mut().open_patient("cervical");
    h.state_mut().set_mode(Mode::Teach);
    h.run_steps(1);
    h.get_by_label("Load and replay").click();
    h.run_steps(2);
    assert_eq!(
        h.state().session().view(),
        before,
        "the replayed session is the saved one"
    );
    assert!(h.state().replay().is_some(), "the scrubber is offered");
    let course = h.state().session().series().samples();
    assert!(
        course.first().is_some_and(|s| s.t_s == 0.0)
            && course.last().is_some_and(|s| s.t_s >= 120.0),
        "the pain plot has the whole replayed course"
    );
}

#[test]
fn a_bad_session_file_is_refused_and_the_session_in_progress_is_kept() {
    let mut h = harness();
    let path = std::env::temp_dir().join(format!("scs-bad-session-{}.ron", std::process::id()));
    std::fs::write(
        &path,
        "Session(version: 1, patient: \"fbss\", seed: 1, role: Patient, t_s: 10.0, log: [",
    )
    .unwrap();
    {
        let app = h.state_mut();
        app.session_mut().apply(RemoteKey::TherapyOn).unwrap();
        app.set_session_path(path.display().to_string());
        app.set_mode(Mode::Teach);
    }
    h.run_steps(1);
    let before = h.state().session().view();
    h.get_by_label("Load and replay").click();
    h.run_steps(2);
    assert!(
        h.state()
            .status()
            .is_some_and(|s| s.contains("scs-bad-session")),
        "{:?}",
        h.state().status()
    );
    assert_eq!(h.state().session().view(), before);
}

#[test]
fn series_and_actions_export_as_csv() {
    let mut h = harness();
    let stem = std::env::temp_dir().join(format!("scs-export-{}", std::process::id()));
    {
        let app = h.state_mut();
        app.session_mut().apply(RemoteKey::TherapyOn).unwrap();
        app.advance_time_for_test(60.0);
        app.set_session_path(format!("{}.ron", stem.display()));
        app.set_mode(Mode::Teach);
    }
    h.run_steps(1);
    h.get_by_label("Export CSV").click();
    h.run_steps(2);
    let series = std::fs::read_to_string(format!("{}-series.csv", stem.display())).unwrap();
    let actions = std::fs::read_to_string(format!("{}-actions.csv", stem.display())).unwrap();
    assert!(series.starts_with("t_s,pain_vas,relief_percent\n") && series.lines().count() > 5);
    assert!(actions.starts_with("t_s,role,command,refused\n") && actions.contains("TherapyOn"));
}

#[test]
fn the_clinician_renames_the_running_program() {
    let mut h = clinician_harness();
    h.get_by_label("Program name").focus();
    h.run_steps(1);
    h.get_by_label("Program name").type_text("Walking");
    h.run_steps(1);
    h.get_by_label("Rename").click();
    h.run_steps(2);
    assert_eq!(h.state().session().device.program().name, "Walking");
}

#[test]
fn typing_a_pin_does_not_trigger_the_remote_shortcuts() {
    let mut h = harness();
    h.get_by_label("Clinician").click();
    h.run_steps(2);
    h.get_by_label("PIN").focus();
    h.run_steps(1);
    h.key_press(egui::Key::Num2);
    h.key_press(egui::Key::Space);
    h.run_steps(2);
    assert_eq!(
        h.state().session().device.active,
        0,
        "no program switch while typing"
    );
    assert!(
        !h.state().session().device.therapy_on,
        "no therapy toggle while typing"
    );
}

#[test]
fn the_threshold_ramp_raises_the_amplitude_while_it_runs() {
    let mut h = clinician_harness();
    let amplitude =
        |h: &Harness<'_, App>| h.state().session().device.program().settings.amplitude_ma;
    let start = amplitude(&h);
    h.get_by_label("Ramp amplitude").click();
    h.run_steps(2);
    // One ramp step every 2 simulated seconds, however long the window's frames are.
    h.state_mut().advance_time_for_test(60.0);
    h.run_steps(1);
    let ramped = amplitude(&h);
    assert!((ramped - start - 3.0).abs() < 0.05, "{start} → {ramped}");
    h.get_by_label("Ramp amplitude").click();
    h.run_steps(2);
    h.state_mut().advance_time_for_test(60.0);
    assert_eq!(
        amplitude(&h),
        ramped,
        "a stopped ramp leaves the amplitude alone"
    );
}
