//! The drug pump in the window, driven as a person would (by label) and drawn on the CPU:
//! the patient's bolus remote, the pump programmer's old-beside-new review, and a refill
//! step by step; snapshots at 1280 × 720.
#![cfg(feature = "gui")]
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use scs_sim::session::Role;
use scs_sim::ui::App;
use scs_sim::ui::prefs::Speed;

mod common;

fn window(id: &str) -> Harness<'static, App> {
    let mut h = common::on_patient(id, [1280.0, 720.0]);
    h.run_steps(3);
    h
}

fn clinician(h: &mut Harness<'static, App>) {
    common::log_in_clinician(h);
    h.run_steps(1);
}

fn pump(h: &Harness<'static, App>) -> scs_sim::implant::pump::Pump {
    h.state().session().implant().pump().unwrap().pump.clone()
}

#[test]
fn the_bolus_remote_gives_a_dose_then_says_when_the_next_is_possible() {
    let mut h = window("pump-cancer-morphine");
    assert_eq!(h.state().session().patient.id, "pump-cancer-morphine");
    h.get_by_label("Give extra dose").click();
    h.run_steps(2);
    assert_eq!(pump(&h).bolus_times_s.len(), 1);
    h.get_by_label("Give extra dose").click();
    h.run_steps(2);
    assert_eq!(
        pump(&h).bolus_times_s.len(),
        1,
        "the lockout refuses the second"
    );
    let said = h.state().remote_message().unwrap().to_string();
    assert!(said.starts_with("Next dose available at 12:00"), "{said}");
    h.get_by_label_contains("Next dose available at 12:00");
    h.snapshot("pump_remote_1280x720");
}

#[test]
fn the_programmer_shows_old_beside_new_before_sending() {
    let mut h = window("pump-hydromorphone");
    clinician(&mut h);
    h.get_by_label("Interrogate").click();
    h.run_steps(2);
    assert!(pump(&h).interrogated_at_s.is_some());
    h.get_by_label("Review changes").click();
    h.run_steps(2);
    h.get_by_label("Old");
    h.get_by_label("New");
    h.get_by_label("Send to pump").click();
    h.run_steps(2);
    assert_eq!(pump(&h).daily_dose_mg, 2.0, "nothing changed, nothing sent");
    h.snapshot("pump_programmer_1280x720");
    // The programmer's own stop and start.
    h.get_by_label("Stop pump").click();
    h.run_steps(2);
    assert_eq!(pump(&h).mode, scs_sim::implant::pump::Mode::Stopped);
    h.get_by_label("Start pump").click();
    h.run_steps(2);
    assert_eq!(
        pump(&h).mode,
        scs_sim::implant::pump::Mode::SimpleContinuous
    );
}

#[test]
fn a_refill_step_by_step_catches_the_discrepancy() {
    let mut h = window("pump-hydromorphone");
    h.state_mut()
        .session_mut()
        .apply_as(
            Role::Teacher,
            scs_sim::session::WorldEvent::Pump(scs_sim::implant::pump::PumpEvent::TrueReservoir(
                3.8,
            )),
        )
        .unwrap();
    clinician(&mut h);
    h.get_by_label("Refill").click();
    h.run_steps(2);
    h.get_by_label("Begin refill").click();
    h.run_steps(2);
    assert!(pump(&h).refill.is_none(), "refused: interrogate first");
    h.get_by_label("Interrogate").click();
    h.run_steps(2);
    h.get_by_label("Begin refill").click();
    h.run_steps(2);
    h.get_by_label("Needle into reservoir").click();
    h.run_steps(2);
    h.get_by_label("Aspirate").click();
    h.run_steps(2);
    let r = pump(&h).refill.unwrap();
    assert_eq!(r.returned_ml, Some(3.8));
    assert!(r.discrepancy_ml.is_some());
    h.get_by_label("Flag discrepancy").click();
    h.run_steps(2);
    assert!(pump(&h).refill.unwrap().flagged);
    h.snapshot("pump_refill_1280x720");
    h.get_by_label("Fill").click();
    h.run_steps(2);
    h.get_by_label("Remove needle").click();
    h.run_steps(2);
    h.get_by_label("Update pump").click();
    h.run_steps(2);
    let p = pump(&h);
    assert_eq!(p.reservoir_ml, 20.0);
    assert_eq!(p.record_ml, 20.0);
    assert!(p.last_refill.is_some());
}

#[test]
fn pump_time_runs_a_day_a_second() {
    let mut h = window("pump-baclofen");
    h.state_mut().prefs_mut().speed = Speed::X1;
    h.get_by_label("1 day/s").click();
    h.run_steps(30);
    let t = h.state().session().t_s;
    assert!(t > 3600.0, "hours pass in a few frames: {t} s");
}

#[test]
fn the_inside_view_shows_where_the_drug_acts_and_a_bolus_widens_it() {
    let mut h = window("pump-cancer-morphine");
    h.get_by_label("Inside: the drug in the spinal fluid");
    // The catheter tip at vertebra T8 lies over cord segment T11 (the cord is shorter
    // than the spine): the readout names the cord segment and its relief.
    let readout = |h: &Harness<'static, App>| {
        let node = h.get_by_label_contains("At the tip (cord T11): relief");
        let node = node.accesskit_node();
        node.label().or_else(|| node.value()).unwrap_or_default()
    };
    let before = readout(&h);
    h.get_by_label("Give extra dose").click();
    h.run_steps(2);
    h.state_mut().session_mut().step(3600.0);
    h.run_steps(2);
    let after = readout(&h);
    assert_ne!(
        before, after,
        "an hour after a bolus the tip's relief moves"
    );
    h.snapshot("pump_inside_after_bolus_1280x720");
    // Presenter mode shows the pump's own panels: its remote, then the inside view.
    h.key_press(egui::Key::F5);
    h.run_steps(2);
    h.get_by_label("Give extra dose");
    h.key_press(egui::Key::F5);
    h.key_press(egui::Key::F5);
    h.run_steps(2);
    h.get_by_label("Inside: the drug in the spinal fluid");
    // Blind mode: the patient is the only source; the drug levels are not shown.
    h.key_press(egui::Key::Escape);
    h.state_mut().prefs_mut().blind = true;
    h.run_steps(2);
    assert!(
        h.query_by_label("Inside: the drug in the spinal fluid")
            .is_none()
    );
}

/// In an exercise that spans weeks the pump's own fast speeds are gone (the exercise's
/// speed holds, as the class server holds it): days pass by the next visit, shown while
/// they pass, after which the programmer takes the next step.
#[test]
fn days_pass_by_the_next_visit_in_a_weeks_long_exercise() {
    let mut h = common::on_patient("pump-ziconotide", [1280.0, 720.0]);
    h.state_mut()
        .open_link(None, Some("pump-ziconotide-titration"));
    h.run_steps(3);
    assert!(h.query_by_label("1 day/s").is_none(), "no faster clock");
    assert!(h.query_by_label("in 7 days").is_some());
    h.snapshot("next_visit_ziconotide_1280x720");
    h.get_by_label("in 3 days").click();
    // One frame takes the click, the next starts the days at home.
    h.run_steps(2);
    let at_home = h.state().session().t_s;
    assert!(
        at_home < 3.0 * 86_400.0,
        "the days pass over frames, not in one: {at_home} s"
    );
    assert!(
        h.query_all_by_label_contains("At home:").next().is_some(),
        "the brief shows the days passing"
    );
    common::until(&mut h, "the next visit", |app| {
        app.session().t_s >= app.session().away_until_s
    });
    h.run_steps(2);
    assert!(h.state().session().t_s >= 3.0 * 86_400.0);
    assert!(
        h.query_by_label("in 3 days").is_some(),
        "the visit is on again"
    );
    let log = &h.state().session().log;
    assert!(
        log.iter().any(|e| e.refused.is_none()
            && matches!(
                e.command,
                scs_sim::session::Command::Access(
                    scs_sim::session::command::AccessRequest::NextVisit { .. }
                )
            )),
        "the visit is in the log"
    );
}
