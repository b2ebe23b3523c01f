//! Peripheral nerve stimulation in the window: the nerve cross-section a PNS patient's
//! inside panel shows, and the pns-window exercise passed by a trainee's clicks.
#![cfg(feature = "gui")]
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};
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

/// What the patient says now, read from the speech bubble in the window.
fn said(h: &Harness<'_, scs_sim::ui::App>) -> String {
    let quoted = |t: Option<String>| t.filter(|t| t.starts_with('“'));
    h.query_all(by().predicate(move |n| quoted(n.label()).or_else(|| quoted(n.value())).is_some()))
        .find_map(|n| {
            let n = n.accesskit_node();
            quoted(n.label()).or_else(|| quoted(n.value()))
        })
        .unwrap_or_default()
}

/// Clicks `label` (scrolled into view first), as a person would.
fn tap(h: &mut Harness<'_, scs_sim::ui::App>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run_steps(4);
    h.get_by_label(label).click();
    h.run_steps(2);
}

/// A trainee passes pns-window with the window alone: the teacher opens Teach and starts
/// the exercise; the trainee raises the amplitude a step at a time, listening to the
/// patient, marks the perception threshold at the first tingling and the motor threshold
/// at the first contraction, and finishes. The thresholds are not known to the test: the
/// patient's words find them, as they would for a trainee.
#[test]
fn a_trainee_passes_pns_window_by_the_patient_s_words() {
    let mut h = common::harness();
    h.get_by_label("Clinician").click();
    h.run_steps(2);
    assert!(
        h.query_by_label("Mark motor threshold").is_none(),
        "no motor threshold on a spinal lead"
    );
    common::teach(&mut h);
    h.get_by_value("Cover a one-sided leg pain").click();
    h.run_steps(2);
    tap(&mut h, "Sensory and motor thresholds on a mixed nerve");
    assert!(
        h.query_by_value("Sensory and motor thresholds on a mixed nerve")
            .is_some(),
        "the exercise is chosen"
    );
    assert!(
        h.query_by_label("Cover a one-sided leg pain").is_none(),
        "the list is closed"
    );
    // The long title leaves the button in the panel.
    tap(&mut h, "Start exercise");
    assert_eq!(
        h.state().mode(),
        scs_sim::ui::Mode::Clinician,
        "{:?} {:?}",
        h.state().status(),
        h.state().session().exercise
    );
    assert!(h.state().blind(), "the attempt is blind");
    assert_eq!(h.state().patient_id(), "shoulder-axillary");
    assert!(
        h.query_by_label("Mark motor threshold").is_some(),
        "the Thresholds tab marks a nerve's motor threshold"
    );
    tap(&mut h, "Amplitude (mA) −");
    let amplitude = common::amplitude;
    // Down to where he feels nothing, then up in 0.1 mA steps.
    while amplitude(&h) > 0.5 && said(&h).contains("tingl") {
        tap(&mut h, "Amplitude (mA) −");
    }
    let (mut pt, mut mt) = (None, None);
    for _ in 0..120 {
        let words = said(&h);
        if pt.is_none() && words.contains("tingl") {
            tap(&mut h, "Mark perception threshold");
            pt = Some(amplitude(&h));
        }
        if mt.is_none()
            && ["tightening", "jerking", "cramping"]
                .iter()
                .any(|w| words.contains(w))
        {
            tap(&mut h, "Mark motor threshold");
            mt = Some(amplitude(&h));
            break;
        }
        tap(&mut h, "Amplitude (mA) +");
    }
    let last = format!("at {} mA he says {:?}", amplitude(&h), said(&h));
    let (pt, mt) = (pt.expect(&last), mt.expect(&last));
    assert!(mt > pt, "PT {pt} mA, MT {mt} mA");
    assert!(
        h.query_by_label_contains(&format!("MT {mt:.1} mA"))
            .is_some(),
        "the marked motor threshold is shown"
    );
    tap(&mut h, "Finish exercise");
    common::answer_name(&mut h, "Ana");
    let report = h.state().debrief().cloned().expect("a debrief");
    assert!(report.goal_met, "{report:?}");
    assert!(report.score > 85, "{report:?}");
    h.snapshot("pns_window_passed");
}

/// The programmer draws a lead at a nerve (it was blank): the contacts it has (one on a
/// percutaneous coiled lead), beside the nerve, tapped as on the spine.
#[test]
fn the_programmer_draws_a_lead_at_a_nerve_and_its_contacts_answer() {
    let mut h = common::on_patient("shoulder-axillary", [1280.0, 720.0]);
    h.run_steps(2);
    common::log_in_clinician(&mut h);
    assert!(
        h.query_by_label("Lead 1 contact 1").is_none(),
        "one contact"
    );
    let contact = |h: &Harness<'_, scs_sim::ui::App>| {
        h.state()
            .session()
            .device()
            .unwrap()
            .program()
            .electrodes
            .leads[0][0]
    };
    let before = contact(&h);
    h.get_by_label("Lead 1 contact 0").click();
    h.run_steps(2);
    assert_ne!(
        contact(&h),
        before,
        "the tap changed the contact's polarity: {:?}",
        h.state().clinician_message()
    );
}
