//! The classroom pictures and files: the cross-section, the body map with dermatomes, the
//! gate's region picker and the CSV exports, driven by accessible labels at 1280 × 720.
#![cfg(feature = "gui")]
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use scs_sim::session::RemoteKey;
use scs_sim::ui::App;
use scs_sim::ui::prefs::{Prefs, Speed};

mod common;

/// The app on `patient` at 1280 × 720 (a classroom projector), time paused.
fn class_harness(patient: &str) -> Harness<'static, App> {
    sized_harness(patient, [1280.0, 720.0])
}

/// The app on `patient` in a window of `size`, time paused.
fn sized_harness(patient: &str, size: [f32; 2]) -> Harness<'static, App> {
    common::on_patient(patient, size)
}

/// Therapy on and the amplitude raised on the remote to about `ma`.
fn stimulate(h: &mut Harness<'_, App>, ma: f64) {
    let s = h.state_mut().session_mut();
    s.apply(RemoteKey::TherapyOn).unwrap();
    for _ in 0..200 {
        if s.device().unwrap().program().settings.amplitude_ma >= ma
            || s.apply(RemoteKey::AmplitudeUp).is_err()
        {
            break;
        }
    }
}

fn cross_section_in(posture: &str, snapshot: &str) {
    let mut h = class_harness("radiculopathy");
    stimulate(&mut h, 5.0);
    h.run_steps(2);
    h.get_by_label(posture).click();
    h.run_steps(3);
    assert_eq!(
        h.state().session().patient.posture.name(),
        posture.to_lowercase()
    );
    h.get_by_label("Inside: cross-section at the cathode");
    h.snapshot(snapshot);
}

#[test]
fn the_cross_section_lying_down() {
    cross_section_in("Supine", "cross_section_supine");
}

#[test]
fn the_cross_section_standing() {
    cross_section_in("Standing", "cross_section_standing");
}

#[test]
fn the_gate_region_picker_changes_the_region_shown() {
    // Tall enough that the gate, below the side view, is on screen.
    let mut h = sized_harness("fbss", [1280.0, 1100.0]);
    stimulate(&mut h, 6.0);
    h.run_steps(2);
    h.get_by_label_contains("The gate in the spinal cord (");
    h.get_by_label("Gate region").click();
    h.run_steps(2);
    h.get_by_label("lower back").click();
    h.run_steps(2);
    h.get_by_label("The gate in the spinal cord (lower back)");
    // Back to the model's choice.
    h.get_by_label("Gate region").click();
    h.run_steps(2);
    h.get_by_label("automatic").click();
    h.run_steps(2);
    assert!(
        h.query_by_label("The gate in the spinal cord (lower back)")
            .is_none(),
        "back to the model's choice"
    );
}

#[test]
fn the_dermatome_overlay_toggles() {
    let mut h = class_harness("fbss");
    stimulate(&mut h, 7.0);
    h.run_steps(2);
    let toggled = |h: &Harness<'_, App>| h.get_by_label("Dermatomes").accesskit_node().toggled();
    assert_eq!(toggled(&h), Some(egui::accesskit::Toggled::False));
    h.get_by_label("Dermatomes").click();
    h.run_steps(2);
    assert_eq!(toggled(&h), Some(egui::accesskit::Toggled::True));
    h.snapshot("body_dermatomes");
    h.get_by_label("Dermatomes").click();
    h.run_steps(2);
    assert_eq!(toggled(&h), Some(egui::accesskit::Toggled::False));
}

#[test]
fn the_actions_csv_parses_with_one_record_per_log_entry_and_the_sender_in_words() {
    let mut h = class_harness("fbss");
    let stem = std::env::temp_dir().join(format!("scs-class-{}", std::process::id()));
    {
        let app = h.state_mut();
        app.session_mut().apply(RemoteKey::TherapyOn).unwrap();
        app.advance_time_for_test(30.0);
        app.set_session_path(format!("{}.ron", stem.display()));
    }
    common::teach(&mut h);
    h.get_by_label("Lead migrates one level down").click();
    h.run_steps(2);
    h.get_by_label("Export CSV").click();
    h.run_steps(2);
    let text = std::fs::read_to_string(format!("{}-actions.csv", stem.display())).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec!["t_s", "role", "command", "refused"]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), h.state().session().log.len(), "{text}");
    let roles: Vec<&str> = rows.iter().map(|r| &r[1]).collect();
    assert!(
        roles.contains(&"patient") && roles.contains(&"teacher"),
        "{text}"
    );
    assert!(
        rows.iter()
            .all(|r| r[0].split_once('.').is_some_and(|(_, d)| d.len() == 1))
    );
    assert!(
        !text.contains("Remote(") && !text.contains("World("),
        "plain words: {text}"
    );
    let series = std::fs::read_to_string(format!("{}-series.csv", stem.display())).unwrap();
    let records = csv::Reader::from_reader(series.as_bytes())
        .records()
        .count();
    assert!(records > 10, "{series}");
}

#[test]
fn at_150_percent_zoom_the_plots_take_turns_instead_of_wrapping() {
    let prefs = Prefs {
        zoom: 1.5,
        speed: Speed::Paused,
        ..Prefs::default()
    };
    let mut h = Harness::builder()
        .with_size([1280.0, 720.0])
        .wgpu()
        .build_eframe(move |_cc| App::new(prefs, None));
    h.run_steps(3);
    h.get_by_label("Show pain plot").click();
    h.run_steps(2);
    h.get_by_label("Pain over simulated time");
    h.get_by_label("Show pulse train").click();
    h.run_steps(2);
    h.get_by_label("Pulse train");
}

#[test]
fn esc_closes_help_first_then_leaves_the_presenter() {
    let mut h = class_harness("fbss");
    h.key_press(egui::Key::F5);
    h.key_press(egui::Key::F1);
    h.run_steps(2);
    assert!(h.state().help_open() && h.state().presenting().is_some());
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(!h.state().help_open(), "the help on top goes first");
    assert!(h.state().presenting().is_some());
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    assert!(h.state().presenting().is_none());
}

#[test]
fn a_link_opens_its_patient_and_exercise_and_says_what_it_could_not() {
    let mut h = class_harness("fbss");
    // An exercise brings its own patient: the link's is not used, and the teacher is told.
    h.state_mut()
        .open_link(Some("practice:42"), Some("leg-coverage"));
    h.run_steps(2);
    let exercise = scs_sim::training::exercise::find("leg-coverage").unwrap();
    assert_eq!(
        h.state().session().exercise.as_deref(),
        Some("leg-coverage")
    );
    assert_eq!(h.state().patient_id(), exercise.patient);
    let said = h.state().status().unwrap_or_default().to_string();
    assert!(said.contains("its own patient"), "{said}");
    // An unknown patient: one sentence, the window stays on a patient, Dismiss in reach.
    h.state_mut().open_link(Some("no-such-patient"), None);
    h.run_steps(2);
    let said = h.state().status().unwrap_or_default().to_string();
    assert!(said.contains("'no-such-patient' is not built in"), "{said}");
    h.get_by_label("Dismiss").click();
    h.run_steps(2);
    assert!(h.state().status().is_none());
    h.state_mut().open_link(Some("practice:42"), None);
    h.run_steps(2);
    assert_eq!(h.state().patient_id(), "practice:42");
    h.state_mut().open_link(None, Some("no-such-exercise"));
    h.run_steps(2);
    let said = h.state().status().unwrap_or_default().to_string();
    assert!(
        said.contains("'no-such-exercise' is not built in"),
        "{said}"
    );
}
