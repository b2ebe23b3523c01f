//! The window driven as a person would, by accessible labels; state asserted on the core.
#![cfg(feature = "gui")]
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use scs_sim::device::impedance::{ContactFault, Fault};
use scs_sim::device::program::Waveform;
use scs_sim::session::{AccessRequest, ProgrammerEdit, RemoteKey, Role, WorldEvent};
use scs_sim::ui::App;
use scs_sim::ui::prefs::{Prefs, Speed};

mod common;
use common::{harness, repaint_delay};

fn app_harness(prefs: Prefs) -> Harness<'static, App> {
    common::app_harness_with(prefs, None)
}

use common::amplitude;

#[test]
fn amplitude_keys_move_inside_the_window_and_stop_at_its_edges() {
    let mut h = harness();
    h.get_by_label("Therapy on").click();
    h.run_steps(2);
    assert!(h.state().session().device().unwrap().therapy_on);
    let start = amplitude(&h);
    h.get_by_label("Increase amplitude").click();
    h.run_steps(2);
    let step = h.state().session().device().unwrap().program().step_ma;
    assert!((amplitude(&h) - start - step).abs() < 1e-9);
    let max = h
        .state()
        .session()
        .device()
        .unwrap()
        .program()
        .window
        .max_ma;
    for _ in 0..40 {
        h.get_by_label("Increase amplitude").click();
        h.run_steps(1);
    }
    assert_eq!(amplitude(&h), max, "stops at the clinician's maximum");
    let message = h.state().remote_message().unwrap_or_default().to_string();
    assert!(
        message.contains("Maximum reached"),
        "the screen says why: {message}"
    );
    for _ in 0..60 {
        h.get_by_label("Decrease amplitude").click();
        h.run_steps(1);
    }
    assert_eq!(
        amplitude(&h),
        h.state()
            .session()
            .device()
            .unwrap()
            .program()
            .window
            .min_ma
    );
}

#[test]
fn keyboard_space_arrows_and_program_numbers_work() {
    let mut h = harness();
    h.key_press(egui::Key::Space);
    h.run_steps(2);
    assert!(h.state().session().device().unwrap().therapy_on);
    let a = amplitude(&h);
    h.key_press(egui::Key::ArrowUp);
    h.run_steps(2);
    assert!(amplitude(&h) > a);
    h.key_press(egui::Key::Num3);
    h.run_steps(2);
    assert_eq!(h.state().session().device().unwrap().active, 2);
    h.get_by_label("Next program").click();
    h.run_steps(2);
    assert_eq!(
        h.state().session().device().unwrap().active,
        0,
        "wraps to the first program"
    );
    h.get_by_label("Previous program").click();
    h.run_steps(2);
    assert_eq!(h.state().session().device().unwrap().active, 2);
}

#[test]
fn a_locked_remote_changes_nothing() {
    let mut h = harness();
    h.get_by_label("Therapy on").click();
    h.run_steps(1);
    h.get_by_label("Lock remote").click();
    h.run_steps(1);
    let a = amplitude(&h);
    h.get_by_label("Increase amplitude").click();
    h.run_steps(1);
    assert_eq!(amplitude(&h), a);
    assert!(
        h.state()
            .remote_message()
            .is_some_and(|m| m.contains("locked"))
    );
    h.get_by_label("Unlock remote").click();
    h.run_steps(1);
    h.get_by_label("Increase amplitude").click();
    h.run_steps(1);
    assert!(amplitude(&h) > a);
}

#[test]
fn an_impedance_fault_raises_check_lead_on_the_remote() {
    let mut h = harness();
    h.state_mut()
        .session_mut()
        .apply(WorldEvent::InjectFault(ContactFault {
            lead: 0,
            contact: 4,
            fault: Fault::Open,
        }))
        .unwrap();
    h.run_steps(2);
    let alerts = h.state().session().view().alerts;
    assert!(
        alerts
            .first()
            .is_some_and(|a| a.message.starts_with("Check lead")),
        "{alerts:?}"
    );
    h.snapshot("remote_alert_window");
}

#[test]
fn posture_buttons_change_the_tingling_at_once() {
    let mut h = harness();
    {
        let s = h.state_mut().session_mut();
        s.apply(RemoteKey::TherapyOn).unwrap();
        // The clinician sets the amplitude (with the PIN) and hands back to the patient.
        s.apply(AccessRequest::EnterClinician {
            pin: scs_sim::clinician::DEFAULT_PIN.into(),
        })
        .unwrap();
        s.apply(ProgrammerEdit::SetAmplitude(6.0)).unwrap();
        s.apply(AccessRequest::LeaveClinician).unwrap();
    }
    h.run_steps(1);
    let felt = |h: &Harness<'_, App>| {
        h.state()
            .session()
            .view()
            .response
            .perception
            .paresthesia
            .iter()
            .sum::<f64>()
    };
    let sitting = felt(&h);
    h.get_by_label("Supine").click();
    h.run_steps(2);
    assert!(felt(&h) > sitting, "lying down makes it stronger");
    h.get_by_label("Prone").click();
    h.run_steps(2);
    assert!(felt(&h) < sitting, "prone makes it weaker");
}

#[test]
fn zoom_keys_and_buttons_change_and_remember_the_zoom() {
    let mut h = harness();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Plus);
    h.run_steps(2);
    assert!((h.state().prefs().zoom - 1.1).abs() < 1e-6);
    // The zoom buttons live in the toolbar's "More" menu.
    h.get_by_label("More").click();
    h.run_steps(2);
    h.get_by_label("Zoom in").click();
    h.run_steps(2);
    assert!((h.state().prefs().zoom - 1.2).abs() < 1e-6);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num0);
    h.run_steps(2);
    assert_eq!(h.state().prefs().zoom, 1.0);
}

#[test]
fn mri_mode_from_the_remote_stops_stimulation() {
    let mut h = harness();
    h.get_by_label("Therapy on").click();
    h.run_steps(1);
    h.get_by_label("MRI mode").click();
    h.run_steps(2);
    assert!(
        h.state().session().device().unwrap().mri_mode
            && !h.state().session().device().unwrap().therapy_on
    );
    h.get_by_label("Therapy on").click();
    h.run_steps(1);
    assert!(
        !h.state().session().device().unwrap().therapy_on,
        "refused in MRI mode"
    );
}

#[test]
fn the_newcomer_story_tingling_reaches_the_legs_and_pain_falls() {
    let mut h = harness();
    h.get_by_label("Therapy on").click();
    h.run_steps(1);
    // Up to comfortable tingling a little above PT (4.3 mA), below discomfort (5.5 mA).
    while amplitude(&h) < 5.4 {
        h.get_by_label("Increase amplitude").click();
        h.run_steps(1);
    }
    let before = h.state().session().view().pain.vas;
    h.state_mut().session_mut().set_noise(0.0);
    h.state_mut().advance_time_for_test(600.0);
    h.run_steps(2);
    let v = h.state().session().view();
    assert!(
        v.response.coverage > 0.6,
        "coverage {}",
        v.response.coverage
    );
    assert!(
        v.pain.vas < before - 1.0,
        "pain fell from {before} to {}",
        v.pain.vas
    );
    assert!(
        !v.response.perception.uncomfortable,
        "relief comes at a comfortable level: {}",
        v.speech
    );
    h.snapshot("window_dark_therapy_on");
}

#[test]
fn the_projector_theme_renders_light() {
    let mut h = app_harness(Prefs {
        light: true,
        ..Prefs::default()
    });
    h.get_by_label("Therapy on").click();
    h.run_steps(2);
    h.snapshot("window_light_projector");
}

#[test]
fn burst_scope_snapshot() {
    let mut h = harness();
    {
        let s = h.state_mut().session_mut();
        s.apply(RemoteKey::SelectProgram(2)).unwrap();
        s.apply(RemoteKey::TherapyOn).unwrap();
        assert_eq!(
            s.device().unwrap().program().settings.waveform,
            Waveform::Burst
        );
        s.step(0.5);
    }
    h.state_mut().set_scope_window_s(0.1);
    h.run_steps(2);
    h.snapshot("window_burst_scope");
}

#[test]
fn remote_snapshot() {
    let mut remote = Harness::builder()
        .with_size([290.0, 600.0])
        .wgpu()
        .build_ui_state(
            |ui, app: &mut App| {
                let view = app.session().view();
                let palette = app.prefs().palette();
                let _ =
                    scs_sim::ui::remote::remote_ui(ui, app.session(), &view, None, &palette, false);
            },
            App::new(
                Prefs {
                    speed: Speed::Paused,
                    ..Prefs::default()
                },
                None,
            ),
        );
    remote
        .state_mut()
        .session_mut()
        .apply(RemoteKey::TherapyOn)
        .unwrap();
    remote.run_steps(2);
    remote.snapshot("remote_on");
}

#[test]
fn idle_means_idle_when_paused_and_running_repaints_on_the_one_second_grid() {
    let mut paused = harness();
    paused.get_by_label("Therapy on").click();
    paused.run_steps(3);
    assert!(paused.try_run().is_ok(), "a paused window settles");
    assert!(
        repaint_delay(&paused) > std::time::Duration::from_secs(3600),
        "no repaint requested while paused"
    );
    let mut running = app_harness(Prefs::default());
    running.state_mut().prefs_mut().speed = Speed::X10;
    running.run_steps(3);
    let delay = repaint_delay(&running);
    // At 10× with stimulation off (nothing moves on the scope): one frame a simulated
    // second, ten a wall second. The wait counts to the next frame's due time, so a frame
    // slowed by a loaded machine shortens it; it is never zero (no busy redraw) and never
    // longer than the grid's step.
    assert!(
        delay > std::time::Duration::ZERO && delay <= std::time::Duration::from_millis(101),
        "{delay:?}"
    );
}

#[test]
fn a_session_left_by_a_crash_is_offered_back_and_restored() {
    let dir = std::env::temp_dir().join(format!("scs-autosave-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("autosave.ron");
    let (p, d) = scs_sim::library::built_in("cervical").unwrap().unwrap();
    let mut crashed = scs_sim::session::Session::new(p, d, Role::Patient, 1);
    crashed.apply(RemoteKey::TherapyOn).unwrap();
    crashed.apply(RemoteKey::AmplitudeUp).unwrap();
    // The clinician was logged in when the window crashed.
    crashed
        .apply(AccessRequest::EnterClinician {
            pin: scs_sim::clinician::DEFAULT_PIN.into(),
        })
        .unwrap();
    crashed.step(125.0);
    scs_sim::session::record::save(&path, &crashed, "cervical").unwrap();
    let mut h = common::app_harness_with(Prefs::default(), Some(path));
    h.run_steps(2);
    assert!(h.state().recovery_offered());
    common::restore_offered(&mut h, 200);
    let s = h.state().session();
    assert_eq!(h.state().patient_id(), "cervical");
    assert_eq!(s.t_s, 125.0);
    assert_eq!(s.device().unwrap().program().settings.amplitude_ma, 0.1);
    assert_eq!(
        s.role,
        Role::Patient,
        "restoring does not open the programmer"
    );
    assert!(!h.state().recovery_offered());
}

#[test]
fn the_help_overlay_opens_with_f1_and_draws_every_glyph() {
    let mut h = harness();
    h.key_press(egui::Key::F1);
    h.run_steps(2);
    assert!(h.state().help_open());
    assert!(h.query_by_label_contains("therapy on / off").is_some());
}

#[test]
fn a_crashed_session_is_never_overwritten_while_it_is_offered() {
    let dir = std::env::temp_dir().join(format!("scs-autosave-kept-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("autosave.ron");
    let (p, d) = scs_sim::library::built_in("cervical").unwrap().unwrap();
    let mut crashed = scs_sim::session::Session::new(p, d, Role::Patient, 1);
    crashed.apply(RemoteKey::TherapyOn).unwrap();
    crashed.step(125.0);
    scs_sim::session::record::save(&path, &crashed, "cervical").unwrap();
    let original = std::fs::read(&path).unwrap();
    let mut h = common::app_harness_with(Prefs::default(), Some(path.clone()));
    h.state_mut().prefs_mut().speed = Speed::X10;
    h.get_by_label("Therapy on").click();
    // 40 frames of a quarter second: 10 wall seconds, twice the autosave interval.
    h.run_steps(40);
    assert!(h.state().recovery_offered());
    assert!(h.state().session().t_s > 50.0, "time ran");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        original,
        "the offered session's file is kept until the user chooses"
    );
    h.get_by_label("Discard it").click();
    h.run_steps(40);
    let replaced = std::fs::read_to_string(&path).unwrap();
    assert!(
        replaced.contains("fbss") && !replaced.contains("cervical"),
        "after Discard it the running session is saved in its place"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_autosave_does_not_wipe_the_status_line() {
    let dir = std::env::temp_dir().join(format!("scs-autosave-status-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut h = common::app_harness_with(Prefs::default(), Some(dir.join("autosave.ron")));
    common::teach(&mut h);
    let saved = dir.join("saved.ron");
    h.state_mut().set_session_path(saved.display().to_string());
    h.get_by_label("Save session").click();
    common::answer_name(&mut h, "Ana");
    assert!(
        h.state()
            .status()
            .is_some_and(|s| s.starts_with("Session saved to"))
    );
    h.state_mut().prefs_mut().speed = Speed::X10;
    // 40 frames of a quarter second: 10 wall seconds, twice the autosave interval.
    h.run_steps(40);
    assert!(
        dir.join("autosave.ron").exists(),
        "the session was autosaved"
    );
    assert!(
        h.state()
            .status()
            .is_some_and(|s| s.starts_with("Session saved to")),
        "the message stays until dismissed: {:?}",
        h.state().status()
    );
    let _ = std::fs::remove_dir_all(&dir);
}
