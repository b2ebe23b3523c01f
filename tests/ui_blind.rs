//! Blind mode, walked through: for each kind of implant, every mode, tool tab, presenter
//! panel and toggle of the window, and no label or value in the accessibility tree shows
//! what only the model knows (thresholds, relief, coverage, the drug in the CSF).
#![cfg(feature = "gui")]
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::{Queryable, by};
use scs_sim::session::{AccessRequest, ProgrammerEdit, RemoteKey, Role};
use scs_sim::ui::App;
use scs_sim::ui::prefs::Prefs;

mod common;

/// Every label or value in the window containing one of `truths`, with where it was seen.
fn leaks(h: &Harness<'_, App>, truths: &[String]) -> Vec<String> {
    let t = truths.to_vec();
    h.query_all(by().predicate(move |n| {
        let seen = |s: Option<String>| s.is_some_and(|s| t.iter().any(|x| s.contains(x)));
        seen(n.label()) || seen(n.value())
    }))
    .map(|n| format!("{n:?}"))
    .collect()
}

/// Checks the window shows none of `truths` in `view`.
fn assert_hidden(h: &Harness<'_, App>, truths: &[String], view: &str) {
    let found = leaks(h, truths);
    assert!(found.is_empty(), "blind, {view}: {found:?}");
}

/// Clicks `label` (scrolled into view first).
fn tap(h: &mut Harness<'_, App>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run_steps(3);
    h.get_by_label(label).click();
    h.run_steps(2);
}

/// The window on `id` in blind mode, therapy running long enough to give relief; and the
/// hidden truths of that moment, as the window would write them.
fn blind_window(id: &str) -> (Harness<'static, App>, Vec<String>) {
    let prefs = Prefs {
        patient: id.to_string(),
        blind: true,
        ..Prefs::default()
    };
    let mut h = common::app_harness_with(prefs, None);
    let mut truths: Vec<String> = ["relief", "coverage", "Feels tingling", "ng/mL"]
        .map(String::from)
        .to_vec();
    {
        let s = h.state_mut().session_mut();
        if let Some(pt) = s.perception_threshold() {
            s.apply(RemoteKey::TherapyOn).unwrap();
            let dt = s.discomfort_threshold().unwrap_or(pt * 2.0);
            // Between the thresholds, on a tenth no threshold is shown as.
            let mut ma = ((pt + dt) / 2.0 * 10.0).round() / 10.0;
            let shown = |x: f64| format!("{x:.1}");
            if [Some(pt), Some(dt), s.motor_threshold()]
                .iter()
                .flatten()
                .any(|t| shown(*t) == shown(ma))
            {
                ma += 0.1;
            }
            let pin = scs_sim::clinician::DEFAULT_PIN.to_string();
            s.apply(AccessRequest::EnterClinician { pin }).unwrap();
            s.apply(ProgrammerEdit::SetAmplitude(ma)).unwrap();
            s.apply(AccessRequest::LeaveClinician).unwrap();
        }
        s.step(if s.device().is_some() {
            600.0
        } else {
            6.0 * 3600.0
        });
        for t in [
            s.perception_threshold(),
            s.discomfort_threshold(),
            s.motor_threshold(),
        ]
        .into_iter()
        .flatten()
        {
            truths.push(format!("{t:.1} mA"));
        }
        let relief = s.view().pain.relief_percent;
        assert!(relief > 5.0, "{id}: there is relief to hide ({relief})");
        truths.push(format!("{relief:.0}%"));
        truths.push(format!("{relief:.0} %"));
    }
    h.run_steps(3);
    assert!(h.state().blind());
    (h, truths)
}

/// The presenter's panels, one after another (F5), then back to the whole window.
fn walk_presenter(h: &mut Harness<'_, App>, truths: &[String], mode: &str) {
    for _ in 0..4 {
        h.key_press(egui::Key::F5);
        h.run_steps(3);
        let panel = h.state().presenting().map(|p| p.name()).unwrap();
        assert_hidden(h, truths, &format!("{mode}, presenting {panel}"));
    }
    h.key_press(egui::Key::F5);
    h.run_steps(2);
    assert!(h.state().presenting().is_none());
}

/// The "More" menu's view toggles, each off and on again.
fn walk_toggles(h: &mut Harness<'_, App>, truths: &[String], mode: &str) {
    for toggle in ["Inside view", "Plots", "Projector theme"] {
        for _ in 0..2 {
            tap(h, "More");
            tap(h, toggle);
            h.key_press(egui::Key::Escape);
            h.run_steps(2);
            assert_hidden(h, truths, &format!("{mode}, after {toggle}"));
        }
    }
}

/// Every mode, tab, presenter panel and toggle of the window on `id`, blind.
fn walk(id: &str, tabs: &[&str]) {
    let (mut h, truths) = blind_window(id);
    assert_hidden(&h, &truths, &format!("{id}: patient"));
    if h.query_by_label("Dermatomes").is_some() {
        tap(&mut h, "Dermatomes");
        assert_hidden(&h, &truths, &format!("{id}: dermatomes"));
    }
    walk_presenter(&mut h, &truths, id);
    walk_toggles(&mut h, &truths, id);
    h.get_by_label("Clinician").click();
    h.run_steps(2);
    common::enter_pin(&mut h, scs_sim::clinician::DEFAULT_PIN);
    assert_eq!(h.state().session().role, Role::Clinician);
    for tab in tabs {
        tap(&mut h, tab);
        assert_hidden(&h, &truths, &format!("{id}: programmer, {tab}"));
    }
    walk_presenter(&mut h, &truths, &format!("{id}: programmer"));
    common::teach(&mut h);
    assert_hidden(&h, &truths, &format!("{id}: teach"));
    assert!(
        h.query_by_label("Compute relief map").is_none(),
        "{id}: no relief map while blind"
    );
    assert!(
        h.query_by_label("Compare A/B").is_none(),
        "{id}: no A/B comparison while blind"
    );
    tap(&mut h, "Quiz: hide the inside view");
    assert_hidden(&h, &truths, &format!("{id}: teach, quiz"));
    walk_presenter(&mut h, &truths, &format!("{id}: teach"));
    walk_toggles(&mut h, &truths, &format!("{id}: teach"));
}

const STIM_TABS: [&str; 4] = [
    "Thresholds",
    "Ask the patient",
    "Impedance check",
    "Log and PIN",
];

#[test]
fn blind_mode_hides_the_inside_everywhere_for_spinal_cord_stimulation() {
    walk("fbss", &STIM_TABS);
}

#[test]
fn blind_mode_hides_the_inside_everywhere_for_peripheral_nerve_stimulation() {
    walk("shoulder-axillary", &STIM_TABS);
}

#[test]
fn blind_mode_hides_the_inside_everywhere_for_a_drug_pump() {
    walk("pump-hydromorphone", &["Refill", "Prescription and bolus"]);
}

/// The truths the walk looks for are on screen when blind mode is off: the walk can fail.
#[test]
fn without_blind_mode_the_same_truths_are_on_screen() {
    for id in ["fbss", "pump-hydromorphone"] {
        let (mut h, truths) = blind_window(id);
        h.state_mut().prefs_mut().blind = false;
        h.run_steps(3);
        assert!(!leaks(&h, &truths).is_empty(), "{id}: the truths show");
    }
}
