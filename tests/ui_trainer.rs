//! The clinician programmer, exercises and teacher tools, driven by accessible labels.
#![cfg(feature = "gui")]
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use scs_sim::clinician::DEFAULT_PIN;
use scs_sim::device::lead::Polarity;
use scs_sim::session::{AccessRequest, ProgrammerEdit, RemoteKey, Role, WorldEvent};
use scs_sim::ui::prefs::{Prefs, unix_now_s};
use scs_sim::ui::{App, Mode};

mod common;
use common::{enter_pin, harness, teach};

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
    assert!(common::amplitude(&h) > 0.0);
    h.get_by_label("Lead 1 contact 7").click();
    h.run_steps(2);
    let p = h.state().session().device().unwrap().program();
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
        h.query_all_by_label_contains("open circuit")
            .next()
            .is_some(),
        "the table flags the open contact"
    );
}

#[test]
fn an_exercise_is_scored_with_a_debrief() {
    let mut h = harness();
    teach(&mut h);
    h.get_by_label("Start exercise").click();
    h.run_steps(2);
    assert_eq!(h.state().mode(), Mode::Clinician);
    {
        let s = h.state_mut().session_mut();
        s.apply(RemoteKey::TherapyOn).unwrap();
        // The trial program sits on the upper contacts: the cathode goes down the lead.
        s.apply(ProgrammerEdit::SetContacts {
            code: "00000+-+".into(),
            case_anode: false,
        })
        .unwrap();
        s.apply(ProgrammerEdit::SetAmplitude(4.8)).unwrap();
        s.step(300.0);
    }
    assert!(
        !h.state().teacher_unlocked(),
        "the trainee does not get the teacher's controls"
    );
    teach(&mut h);
    h.get_by_label("Finish and score").click();
    common::answer_name(&mut h, "Ana");
    h.run_steps(3);
    let report = h.state().debrief().cloned().expect("a debrief");
    assert!(report.goal_met && report.score >= 80, "{report:?}");
    h.snapshot("exercise_debrief");
}

#[test]
fn the_relief_map_is_drawn_from_the_core() {
    let mut h = harness();
    teach(&mut h);
    h.get_by_label("Compute relief map").click();
    h.run_steps(2);
    let map = h.state().relief_map().cloned().expect("a relief map");
    assert!(map.relief.iter().any(|r| *r > 20.0) && map.relief.iter().any(|r| *r < 1.0));
    h.snapshot("relief_map");
}

#[test]
fn the_teach_panel_runs_a_virtual_cohort_and_charts_it_beside_the_trials() {
    let mut h = harness();
    teach(&mut h);
    assert!(h.state().cohort().is_none());
    h.state_mut().set_cohort_patients(200);
    h.get_by_label("Run cohort").click();
    // The cohort runs off the UI thread; the window keeps drawing meanwhile.
    for _ in 0..600 {
        h.run_steps(1);
        if h.state().cohort().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let report = h.state().cohort().cloned().expect("a cohort");
    assert_eq!(report.patients, 200);
    assert_eq!(report.rows.len(), 6, "three therapies at two sites");
    let hf_back = report
        .rows
        .iter()
        .find(|r| r.therapy.name() == "high-frequency" && r.site == "back")
        .unwrap();
    assert!(hf_back.published_percent.is_some() && hf_back.responder_percent > 50.0);
    // The pointer leaves the button and its hover fade settles, however many frames the
    // cohort took.
    h.hover_at(egui::pos2(1.0, 1.0));
    h.run_steps(10);
    h.snapshot("teach_cohort_chart");
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
    }
    teach(&mut h);
    let before = h.state().session().view();
    h.get_by_label("Save session").click();
    common::answer_name(&mut h, "Ana");
    h.run_steps(1);
    h.state_mut().open_patient("cervical");
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
    }
    teach(&mut h);
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
    }
    teach(&mut h);
    h.get_by_label("Export CSV").click();
    h.run_steps(2);
    let series = std::fs::read_to_string(format!("{}-series.csv", stem.display())).unwrap();
    let actions = std::fs::read_to_string(format!("{}-actions.csv", stem.display())).unwrap();
    assert!(series.starts_with("t_s,pain_vas,relief_percent\n") && series.lines().count() > 5);
    assert!(
        actions.starts_with("t_s,role,command,refused\n") && actions.contains("Stimulation on")
    );
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
    assert_eq!(
        h.state().session().device().unwrap().program().name,
        "Walking"
    );
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
        h.state().session().device().unwrap().active,
        0,
        "no program switch while typing"
    );
    assert!(
        !h.state().session().device().unwrap().therapy_on,
        "no therapy toggle while typing"
    );
}

#[test]
fn the_threshold_ramp_raises_the_amplitude_while_it_runs() {
    let mut h = clinician_harness();
    h.state_mut()
        .session_mut()
        .apply(ProgrammerEdit::SetAmplitude(1.0))
        .unwrap();
    h.get_by_label("Stimulation on").click();
    h.run_steps(2);
    assert!(h.state().session().device().unwrap().therapy_on);
    let amplitude = |h: &Harness<'_, App>| {
        h.state()
            .session()
            .device()
            .unwrap()
            .program()
            .settings
            .amplitude_ma
    };
    let start = amplitude(&h);
    h.get_by_label("Ramp amplitude").click();
    h.run_steps(2);
    // One ramp step every 2 simulated seconds, however long the window's frames are.
    h.state_mut().advance_time_for_test(30.0);
    h.run_steps(1);
    let ramped = amplitude(&h);
    assert!((ramped - start - 1.5).abs() < 0.05, "{start} → {ramped}");
    h.get_by_label("Ramp amplitude").click();
    h.run_steps(2);
    h.state_mut().advance_time_for_test(60.0);
    assert_eq!(
        amplitude(&h),
        ramped,
        "a stopped ramp leaves the amplitude alone"
    );
}

/// Types the old and the new PIN into the programmer and presses *Change PIN*.
fn change_pin(h: &mut Harness<'_, App>, old: &str, new: &str) {
    if let Some(tab) = h.query_by_label("Log and PIN") {
        tab.click();
        h.run_steps(2);
    }
    for (label, text) in [("Old PIN", old), ("New PIN", new)] {
        h.get_by_label(label).focus();
        h.run_steps(1);
        h.get_by_label(label).type_text(text);
        h.run_steps(1);
    }
    h.get_by_label("Change PIN").click();
    h.run_steps(2);
}

/// The preferences as the app's data file holds them.
fn stored(prefs: &Prefs) -> String {
    ron::to_string(prefs).unwrap()
}

#[test]
fn the_stored_preferences_hold_a_salted_hash_never_the_pin() {
    let mut h = harness();
    h.get_by_label("Clinician").click();
    h.run_steps(2);
    enter_pin(&mut h, DEFAULT_PIN);
    change_pin(&mut h, DEFAULT_PIN, "13579");
    let prefs = h.state().prefs().clone();
    let hash = prefs.clinician.hash.clone().expect("a hash is stored");
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    let text = stored(&prefs);
    assert!(
        !text.contains(DEFAULT_PIN) && !text.contains("13579"),
        "{text}"
    );
    // A new window on the saved preferences knows the new PIN and not the default.
    let mut again = common::app_harness_with(prefs, None);
    again.state_mut().set_mode(Mode::Clinician);
    again.run_steps(2);
    enter_pin(&mut again, DEFAULT_PIN);
    assert_eq!(again.state().session().role, Role::Patient);
    enter_pin(&mut again, "13579");
    assert_eq!(again.state().session().role, Role::Clinician);
    // A plain-text PIN left by an older version is hashed and forgotten.
    let old = Prefs {
        legacy_clinician_pin: "97531".into(),
        ..Prefs::default()
    };
    let mut migrated = common::app_harness_with(old, None);
    migrated.run_steps(1);
    assert!(!stored(migrated.state().prefs()).contains("97531"));
    migrated.state_mut().set_mode(Mode::Clinician);
    migrated.run_steps(2);
    enter_pin(&mut migrated, "97531");
    assert_eq!(migrated.state().session().role, Role::Clinician);
}

#[test]
fn changing_the_pin_needs_the_old_one() {
    let mut h = clinician_harness();
    h.state_mut().set_mode(Mode::Clinician);
    h.run_steps(1);
    change_pin(&mut h, "1111", "13579");
    assert!(
        h.state()
            .clinician_message()
            .is_some_and(|m| m.contains("old PIN is wrong")),
        "{:?}",
        h.state().clinician_message()
    );
    assert_eq!(h.state().prefs().clinician.hash, None, "not changed");
    assert!(h.state().session().access.verify(DEFAULT_PIN));
    change_pin(&mut h, DEFAULT_PIN, "13579");
    assert_eq!(h.state().clinician_message(), None);
    assert!(h.state().prefs().clinician.hash.is_some());
    assert!(h.state().session().access.verify("13579"));
    assert!(!h.state().session().access.verify(DEFAULT_PIN));
}

#[test]
fn three_wrong_pins_lock_on_the_wall_clock_across_sessions_and_restarts() {
    let mut h = harness();
    h.get_by_label("Clinician").click();
    h.run_steps(2);
    for wrong in ["1111", "0000", "9999"] {
        enter_pin(&mut h, wrong);
    }
    assert!(
        h.state()
            .clinician_message()
            .is_some_and(|m| m.contains("locked")),
        "{:?}",
        h.state().clinician_message()
    );
    let until = h.state().prefs().clinician.locked_until_unix_s.unwrap();
    assert!(until >= unix_now_s() + 290, "five minutes of wall time");
    // Time is paused in the window: the lock-out runs all the same. Re-selecting the
    // patient (a new session) does not end it.
    h.state_mut().open_patient("fbss");
    h.run_steps(2);
    enter_pin(&mut h, DEFAULT_PIN);
    assert_eq!(h.state().session().role, Role::Patient);
    let message = h
        .state()
        .clinician_message()
        .unwrap_or_default()
        .to_string();
    assert!(message.contains("try again in"), "{message}");
    // A restart: a new window built from the saved preferences is still locked.
    let prefs = h.state().prefs().clone();
    let mut again = common::app_harness_with(prefs.clone(), None);
    again.state_mut().set_mode(Mode::Clinician);
    again.run_steps(2);
    enter_pin(&mut again, DEFAULT_PIN);
    assert_eq!(again.state().session().role, Role::Patient);
    // Once the five minutes have passed on the wall clock, the PIN works again.
    let mut expired = prefs;
    expired.clinician.locked_until_unix_s = Some(unix_now_s() - 1);
    let mut later = common::app_harness_with(expired, None);
    later.state_mut().set_mode(Mode::Clinician);
    later.run_steps(2);
    enter_pin(&mut later, DEFAULT_PIN);
    assert_eq!(later.state().session().role, Role::Clinician);
    assert_eq!(later.state().prefs().clinician.failures, 0);
}

#[test]
fn teach_has_its_own_password_set_on_first_use_and_never_the_pin() {
    let mut h = harness();
    h.get_by_label("Teach").click();
    h.run_steps(2);
    assert_eq!(h.state().mode(), Mode::Teach);
    for control in [
        "Start exercise",
        "Lose telemetry",
        "Save session",
        "Low battery",
    ] {
        assert!(
            h.query_by_label(control).is_none(),
            "{control} needs the Teach password"
        );
    }
    // First use: the teacher chooses the password; a PIN-like one is refused.
    assert!(h.query_by_label("PIN").is_none(), "Teach asks for no PIN");
    common::type_into(&mut h, "New Teach password", "24682468");
    common::type_into(&mut h, "Repeat the Teach password", "24682468");
    h.get_by_label("Set the password and open Teach").click();
    h.run_steps(2);
    assert!(!h.state().teacher_unlocked());
    assert!(
        h.state()
            .teach_message()
            .is_some_and(|m| m.contains("never a clinician PIN")),
        "{:?}",
        h.state().teach_message()
    );
    assert_eq!(h.state().prefs().teach.hash, None, "nothing stored");
    teach(&mut h);
    let hash = h
        .state()
        .prefs()
        .teach
        .hash
        .clone()
        .expect("a hash is kept");
    assert!(hash.starts_with("$argon2") && !hash.contains(common::TEACH_PASSWORD));
    assert_ne!(
        h.state().prefs().clinician.hash.as_deref(),
        Some(hash.as_str()),
        "the PIN is kept apart"
    );
    assert!(h.query_by_label("Start exercise").is_some());
    assert_eq!(
        h.state().session().role,
        Role::Patient,
        "Teach opens Teach only: the programmer still needs the PIN"
    );
    // Leaving (by the button or by another tab) closes Teach: the password again.
    h.get_by_label("Leave teacher mode").click();
    h.run_steps(2);
    assert_eq!(h.state().mode(), Mode::Patient);
    assert!(!h.state().teacher_unlocked());
    h.get_by_label("Teach").click();
    h.run_steps(2);
    assert!(h.query_by_label("Start exercise").is_none());
    common::enter_teach_password(&mut h, DEFAULT_PIN);
    assert!(
        !h.state().teacher_unlocked(),
        "the clinician PIN never opens Teach"
    );
    assert_eq!(h.state().teach_message(), Some("Wrong Teach password"));
    common::enter_teach_password(&mut h, common::TEACH_PASSWORD);
    assert!(h.state().teacher_unlocked());
    h.get_by_label("Patient").click();
    h.run_steps(2);
    assert!(!h.state().teacher_unlocked(), "another tab closes Teach");
    // A restart keeps the hash: Teach asks for the password, not a new one.
    let mut again = common::app_harness_with(h.state().remembered_prefs(), None);
    again.get_by_label("Teach").click();
    again.run_steps(2);
    assert!(again.query_by_label("Repeat the Teach password").is_none());
    common::enter_teach_password(&mut again, common::TEACH_PASSWORD);
    assert!(again.state().teacher_unlocked());
}

#[test]
fn the_teacher_changes_the_teach_password_with_the_old_one() {
    let mut h = harness();
    teach(&mut h);
    let before = h.state().prefs().teach.hash.clone();
    h.get_by_label("Teach password").click();
    h.run_steps(2);
    common::type_into(&mut h, "Old Teach password", "not-the-password");
    common::type_into(&mut h, "New Teach password", "board-marker");
    common::type_into(&mut h, "Repeat the Teach password", "board-marker");
    h.get_by_label("Change the Teach password").click();
    h.run_steps(2);
    assert_eq!(h.state().prefs().teach.hash, before, "a wrong old password");
    common::type_into(&mut h, "Old Teach password", common::TEACH_PASSWORD);
    common::type_into(&mut h, "New Teach password", "board-marker");
    common::type_into(&mut h, "Repeat the Teach password", "board-marker");
    h.get_by_label("Change the Teach password").click();
    h.run_steps(2);
    assert_ne!(h.state().prefs().teach.hash, before);
    assert_eq!(h.state().status(), Some("Teach password changed"));
    h.get_by_label("Leave teacher mode").click();
    h.run_steps(2);
    h.get_by_label("Teach").click();
    h.run_steps(2);
    common::enter_teach_password(&mut h, common::TEACH_PASSWORD);
    assert!(!h.state().teacher_unlocked(), "the old password is gone");
    common::enter_teach_password(&mut h, "board-marker");
    assert!(h.state().teacher_unlocked());
}

#[test]
fn an_exercise_programmer_offers_no_pin_change() {
    let mut h = harness();
    teach(&mut h);
    h.get_by_label("Start exercise").click();
    h.run_steps(2);
    assert_eq!(h.state().mode(), Mode::Clinician);
    assert_eq!(h.state().session().role, Role::Clinician);
    assert!(
        h.query_by_label("Lead 1 contact 0").is_some(),
        "the programmer is open"
    );
    assert!(h.query_by_label("Change PIN").is_none());
    assert!(h.query_by_label("New PIN").is_none());
}

#[test]
fn during_an_exercise_teach_opens_only_with_its_password_never_by_pin_or_key() {
    let mut h = harness();
    teach(&mut h);
    h.get_by_label("Start exercise").click();
    h.run_steps(2);
    assert!(!h.state().teacher_unlocked(), "starting closes Teach");
    h.get_by_label("Teach").click();
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("An exercise is running")
            .is_some()
    );
    // Every key the window answers to, pressed at the Teach prompt.
    for key in [
        egui::Key::F1,
        egui::Key::F1,
        egui::Key::F5,
        egui::Key::Escape,
        egui::Key::Enter,
        egui::Key::Space,
        egui::Key::ArrowUp,
        egui::Key::Num1,
        egui::Key::L,
        egui::Key::L,
        egui::Key::P,
        egui::Key::Tab,
        egui::Key::Enter,
    ] {
        h.key_press(key);
        h.run_steps(1);
        assert!(!h.state().teacher_unlocked(), "{key:?} opened Teach");
    }
    h.state_mut().set_mode(Mode::Teach);
    h.run_steps(2);
    for tried in [DEFAULT_PIN, "", "2468 "] {
        common::enter_teach_password(&mut h, tried);
        assert!(!h.state().teacher_unlocked(), "{tried:?} opened Teach");
        assert!(h.query_by_label("Show a hint").is_none());
        assert!(h.query_by_label("Finish and score").is_none());
    }
    // Three wrong tries lock it, for the teacher too, on the wall clock.
    assert!(
        h.state()
            .teach_message()
            .is_some_and(|m| m.contains("locked")),
        "{:?}",
        h.state().teach_message()
    );
    assert!(h.state().prefs().teach.locked_until_unix_s.is_some());
    common::enter_teach_password(&mut h, common::TEACH_PASSWORD);
    assert!(!h.state().teacher_unlocked(), "locked out");
    // The teacher's own password opens it once the lock-out is over.
    h.state_mut().prefs_mut().teach.locked_until_unix_s = Some(unix_now_s() - 1);
    common::enter_teach_password(&mut h, common::TEACH_PASSWORD);
    assert!(h.state().teacher_unlocked());
    assert!(h.query_by_label("Finish and score").is_some());
}
