//! The nerve cross-section a PNS patient's inside panel shows, drawn on the CPU.
#![cfg(feature = "gui")]
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use egui_kittest::Harness;
use scs_sim::session::{ProgrammerEdit, RemoteKey, Role, Session};
use scs_sim::ui::nerve_view::nerve_view_ui;
use scs_sim::ui::prefs::Prefs;

mod common;

fn session(id: &str, ma: f64) -> Session {
    let (p, d) = scs_sim::library::find(id).unwrap();
    let mut s = Session::new(p, d, Role::Clinician, 1);
    s.apply(ProgrammerEdit::SetAmplitude(ma)).unwrap();
    s.apply(RemoteKey::TherapyOn).unwrap();
    s
}

#[test]
fn the_nerve_lights_up_by_fibre_class_with_the_lead_at_its_distance() {
    let palette = Prefs::default().palette();
    let s = session("shoulder-axillary", 3.6);
    let mut h = Harness::builder()
        .with_size([380.0, 360.0])
        .wgpu()
        .build_ui(move |ui| nerve_view_ui(ui, &s, &palette));
    h.run_steps(2);
    h.snapshot("nerve_view_axillary");
    // A spinal cord stimulator draws nothing and does not panic.
    let scs = session("fbss", 5.0);
    let mut empty = Harness::builder()
        .with_size([200.0, 100.0])
        .build_ui(move |ui| nerve_view_ui(ui, &scs, &palette));
    empty.run_steps(1);
}

/// The window opened on each PNS patient, in the patient's hands and in the programmer,
/// draws without panicking (the spine views have no spinal lead to show).
#[test]
fn the_window_opens_on_a_pns_patient() {
    for id in ["occipital-neuralgia", "phantom-limb"] {
        let mut h = common::on_patient(id, [1280.0, 720.0]);
        h.run_steps(3);
        assert_eq!(h.state().session().patient.id, id);
        h.state_mut()
            .session_mut()
            .apply_as(Role::Patient, RemoteKey::TherapyOn)
            .unwrap();
        h.run_steps(2);
        h.state_mut().set_mode(scs_sim::ui::Mode::Clinician);
        h.state_mut()
            .session_mut()
            .apply(scs_sim::session::AccessRequest::EnterClinician {
                pin: scs_sim::clinician::DEFAULT_PIN.into(),
            })
            .unwrap();
        h.run_steps(3);
    }
}
