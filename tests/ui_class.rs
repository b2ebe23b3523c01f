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

/// The app on `patient` at 1280 × 720 (a classroom projector), time paused.
fn class_harness(patient: &str) -> Harness<'static, App> {
    sized_harness(patient, [1280.0, 720.0])
}

/// The app on `patient` in a window of `size`, time paused.
fn sized_harness(patient: &str, size: [f32; 2]) -> Harness<'static, App> {
    let prefs = Prefs {
        patient: patient.to_string(),
        ..Prefs::default()
    };
    Harness::builder()
        .with_size(size)
        .wgpu()
        .build_eframe(move |_cc| {
            App::new(
                Prefs {
                    speed: Speed::Paused,
                    ..prefs
                },
                None,
            )
        })
}

/// Therapy on and the amplitude raised on the remote to about `ma`.
fn stimulate(h: &mut Harness<'_, App>, ma: f64) {
    let s = h.state_mut().session_mut();
    s.apply(RemoteKey::TherapyOn).unwrap();
    for _ in 0..200 {
        if s.device().program().settings.amplitude_ma >= ma
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
    h.get_by_label("left calf").click();
    h.run_steps(2);
    h.get_by_label("The gate in the spinal cord (left calf)");
    // Back to the model's choice.
    h.get_by_label("Gate region").click();
    h.run_steps(2);
    h.get_by_label("automatic").click();
    h.run_steps(2);
    assert!(
        h.query_by_label("The gate in the spinal cord (left calf)")
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
