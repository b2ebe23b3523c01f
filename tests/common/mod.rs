//! The window under test: 1600 × 1000, drawn on the CPU, time paused unless a test runs it.
// Each test crate uses a part of this module.
#![allow(dead_code)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use scs_sim::ui::prefs::{Prefs, Speed};
use scs_sim::ui::{App, Mode};
use std::path::PathBuf;

/// The app with these preferences (time paused) and an optional autosave file.
pub fn app_harness_with(prefs: Prefs, autosave: Option<PathBuf>) -> Harness<'static, App> {
    sized_app(prefs, [1600.0, 1000.0], autosave)
}

/// The app with these preferences (time paused) in a window of `size`, with an optional
/// autosave file. Every exercise it starts is the first attempt, so runs compare.
pub fn sized_app(prefs: Prefs, size: [f32; 2], autosave: Option<PathBuf>) -> Harness<'static, App> {
    Harness::builder()
        .with_size(size)
        .wgpu()
        .build_eframe(move |_cc| {
            let mut app = App::new(
                Prefs {
                    speed: Speed::Paused,
                    ..prefs
                },
                autosave,
            );
            app.fix_attempt_seed(Some(scs_sim::training::exercise::FIRST_SEED));
            app
        })
}

/// The app with default preferences, time paused.
pub fn harness() -> Harness<'static, App> {
    app_harness_with(Prefs::default(), None)
}

/// Types `pin` into the PIN box and presses Unlock, as a person would.
pub fn enter_pin(h: &mut Harness<'_, App>, pin: &str) {
    h.get_by_label("PIN").focus();
    h.run_steps(1);
    h.get_by_label("PIN").type_text(pin);
    h.run_steps(1);
    h.get_by_label("Unlock").click();
    h.run_steps(2);
}

/// The Teach password the tests' teacher chooses on first use.
pub const TEACH_PASSWORD: &str = "chalk-and-talk";

/// Types `text` into the field labelled `label`, as a person would.
pub fn type_into(h: &mut Harness<'_, App>, label: &str, text: &str) {
    h.get_by_label(label).focus();
    h.run_steps(1);
    h.get_by_label(label).type_text(text);
    h.run_steps(1);
}

/// Opens the teacher's controls as a teacher would: on first use by choosing the Teach
/// password ([`TEACH_PASSWORD`], typed twice), afterwards by entering it.
pub fn teach(h: &mut Harness<'_, App>) {
    h.state_mut().set_mode(Mode::Teach);
    h.run_steps(2);
    if h.query_by_label("Repeat the Teach password").is_some() {
        type_into(h, "New Teach password", TEACH_PASSWORD);
        type_into(h, "Repeat the Teach password", TEACH_PASSWORD);
        h.get_by_label("Set the password and open Teach").click();
    } else {
        enter_teach_password(h, TEACH_PASSWORD);
        return;
    }
    h.run_steps(2);
    assert!(
        h.state().teacher_unlocked(),
        "{:?}",
        h.state().teach_message()
    );
}

/// Types `password` into the Teach prompt and presses Open Teach.
pub fn enter_teach_password(h: &mut Harness<'_, App>, password: &str) {
    type_into(h, "Teach password", password);
    h.get_by_label("Open Teach").click();
    h.run_steps(2);
}

/// The app on built-in patient `id` (time paused) in a window of `size`.
pub fn on_patient(id: &str, size: [f32; 2]) -> Harness<'static, App> {
    let prefs = Prefs {
        patient: id.to_string(),
        ..Prefs::default()
    };
    sized_app(prefs, size, None)
}

/// Opens the clinician programmer with the clinician logged in (the PIN checks have their
/// own tests).
pub fn log_in_clinician(h: &mut Harness<'_, App>) {
    h.state_mut().set_mode(Mode::Clinician);
    h.state_mut()
        .session_mut()
        .apply(scs_sim::session::AccessRequest::EnterClinician {
            pin: scs_sim::clinician::DEFAULT_PIN.into(),
        })
        .expect("the default PIN opens the programmer");
    h.run_steps(2);
}

/// The running program's amplitude, mA.
pub fn amplitude(h: &Harness<'_, App>) -> f64 {
    h.state()
        .session()
        .device()
        .unwrap()
        .program()
        .settings
        .amplitude_ma
}

/// Runs frames until the session offered back after a crash is restored (a slice of each
/// frame's time goes to the replay), at most `frames`.
pub fn restore_offered(h: &mut Harness<'_, App>, frames: usize) {
    h.get_by_label("Restore it").click();
    for _ in 0..frames {
        h.run_steps(1);
        if !h.state().recovery_offered() {
            return;
        }
    }
}

/// Answers the window asking for the trainee's name (asked once, at the first save or
/// finish without a remembered name) with `name`, if it is open.
pub fn answer_name(h: &mut Harness<'_, App>, name: &str) {
    h.run_steps(2);
    if !h.state().name_prompt_open() {
        return;
    }
    type_into(h, "Your name", name);
    h.get_by_label("OK").click();
    h.run_steps(2);
    assert!(!h.state().name_prompt_open(), "the name was taken");
}

/// Runs frames until `done` holds, at most 30 s of wall time (answers of a server arrive
/// on other threads), then two more frames so that the window shows it.
pub fn until(h: &mut Harness<'_, App>, what: &str, done: impl Fn(&App) -> bool) {
    let started = std::time::Instant::now();
    while !done(h.state()) {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "waited 30 s for {what}: status {:?}",
            h.state().status()
        );
        h.run_steps(1);
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    h.run_steps(2);
}

/// How long egui may wait before the next frame, as the app asked for it.
pub fn repaint_delay(h: &Harness<'_, App>) -> std::time::Duration {
    h.output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .map(|v| v.repaint_delay)
        .unwrap_or(std::time::Duration::MAX)
}
