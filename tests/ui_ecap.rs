//! The programmer's ECAP tab, driven by accessible labels: the sweep reads the model's ECAP
//! threshold, the loop's buttons put the program in closed loop and back, and a lead that
//! cannot record (a nerve, 10 kHz) has no loop to set.
#![cfg(feature = "gui")]
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use egui_kittest::kittest::{NodeT, Queryable};
use scs_sim::session::{ProgrammerEdit, RemoteKey};

mod common;
use common::{harness, log_in_clinician, on_patient, sized_app};
use scs_sim::ui::prefs::Prefs;

/// The number in a label after `before` and up to the next space.
fn number_after(label: &str, before: &str) -> f64 {
    let rest = &label[label.find(before).unwrap() + before.len()..];
    rest.split_whitespace().next().unwrap().parse().unwrap()
}

/// The text of the widget whose label contains `part`.
fn text_of(h: &egui_kittest::Harness<'static, scs_sim::ui::App>, part: &str) -> String {
    let node = h.get_by_label_contains(part);
    node.accesskit_node()
        .label()
        .or_else(|| node.accesskit_node().value())
        .unwrap_or_default()
}

#[test]
fn the_sweep_reads_the_ecap_threshold_and_the_loop_goes_on_and_off() {
    // Tall enough that the programmer's tool tabs are on screen without scrolling.
    let mut h = sized_app(Prefs::default(), [1920.0, 1080.0], None);
    log_in_clinician(&mut h);
    h.state_mut()
        .session_mut()
        .apply(RemoteKey::TherapyOn)
        .unwrap();
    h.get_by_label("ECAP").click();
    h.run_steps(2);
    assert!(h.query_by_label("Sweep to draw the growth curve").is_some());
    h.get_by_label("Sweep the current").click();
    h.run_steps(2);
    let shown = text_of(&h, "ECAP threshold");
    let s = h.state().session();
    let truth = s
        .stimulator()
        .unwrap()
        .ecap(&s.patient)
        .unwrap()
        .threshold_ma(25.5)
        .unwrap();
    let swept = number_after(&shown, "ECAP threshold ");
    assert!(
        swept >= truth && swept - truth < 0.2 + 1e-9,
        "the sweep reads {swept} mA, the model's threshold is {truth} mA"
    );
    h.state_mut()
        .session_mut()
        .apply(ProgrammerEdit::SetAmplitude(4.9))
        .unwrap();
    h.run_steps(2);
    h.snapshot("ecap_tab");
    h.get_by_label("Closed loop on").click();
    h.run_steps(2);
    let program = h.state().session().device().unwrap().program().clone();
    let settings = program
        .closed_loop
        .unwrap_or_else(|| panic!("closed loop set: {:?}", h.state().clinician_message()));
    assert_eq!(settings.max_ma, program.window.max_ma);
    h.state_mut().session_mut().step(5.0);
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("Closed loop: ").is_some(),
        "the running loop is shown"
    );
    // The live traces: the ECAP held near its target over the last seconds.
    h.get_by_label("Live").click();
    h.run_steps(2);
    let shown = text_of(&h, "Last 10 s: ECAP");
    let range = shown
        .split("ECAP ")
        .nth(1)
        .unwrap()
        .split(" µV")
        .next()
        .unwrap();
    let (low, high) = range.split_once('–').unwrap();
    let (low, high): (f64, f64) = (low.parse().unwrap(), high.parse().unwrap());
    assert!(
        low > 10.0 && high < 40.0,
        "the loop holds the ECAP near 20 µV: {shown}"
    );
    h.snapshot("ecap_live");
    h.get_by_label("Open loop").click();
    h.run_steps(2);
    assert!(
        h.state()
            .session()
            .device()
            .unwrap()
            .program()
            .closed_loop
            .is_none()
    );
}

#[test]
fn no_loop_without_an_ecap_and_no_tab_at_a_nerve() {
    let mut h = harness();
    log_in_clinician(&mut h);
    // Maria's second program is 10 kHz: no volley to record.
    h.state_mut()
        .session_mut()
        .apply(RemoteKey::SelectProgram(1))
        .unwrap();
    h.get_by_label("ECAP").click();
    h.run_steps(2);
    assert!(h.query_by_label_contains("No ECAP to record").is_some());
    assert!(h.query_by_label("Closed loop on").is_none());
    let mut nerve = on_patient("occipital-neuralgia", [1280.0, 720.0]);
    log_in_clinician(&mut nerve);
    assert!(nerve.query_by_label("ECAP").is_none());
}

/// With both thresholds marked, the sweep reads the ECAP halfway between them and the
/// slope there — what a trainee sets the target and the gain from — as the model has them.
#[test]
fn the_sweep_reads_the_middle_of_the_marked_window() {
    use scs_sim::session::command::Threshold;
    let mut h = sized_app(Prefs::default(), [1920.0, 1080.0], None);
    log_in_clinician(&mut h);
    let (pt, dt) = {
        let s = h.state_mut().session_mut();
        s.apply(RemoteKey::TherapyOn).unwrap();
        let st = s.stimulator().unwrap();
        let (pt, dt) = (
            st.perception_threshold().unwrap(),
            st.discomfort_threshold().unwrap(),
        );
        for (ma, which) in [(pt, Threshold::Perception), (dt, Threshold::Discomfort)] {
            s.apply(ProgrammerEdit::SetAmplitude((ma * 10.0).round() / 10.0))
                .unwrap();
            s.apply(ProgrammerEdit::MarkThreshold(which)).unwrap();
        }
        let notes = &s.device().unwrap().program().notes;
        (notes.measured_pt_ma.unwrap(), notes.measured_dt_ma.unwrap())
    };
    h.get_by_label("ECAP").click();
    h.run_steps(2);
    h.get_by_label("Sweep the current").click();
    h.run_steps(2);
    let shown = text_of(&h, "Halfway between your marks");
    let s = h.state().session();
    let e = s.stimulator().unwrap().ecap(&s.patient).unwrap();
    let middle = 0.5 * (pt + dt);
    let uv = number_after(&shown, "ECAP ");
    let slope = number_after(&shown, "slope there ");
    let (true_uv, true_slope) = (e.amplitude_uv(middle, 0.0), e.slope_uv_per_ma(middle, 0.0));
    assert!(
        (uv - true_uv).abs() < 0.05 * true_uv,
        "{shown}: the model has {true_uv:.1} µV"
    );
    assert!(
        (slope - true_slope).abs() < 0.15 * true_slope,
        "{shown}: the model has {true_slope:.1} µV/mA"
    );
}
