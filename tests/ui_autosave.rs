//! The autosave as the window reads it after a crash: only a sealed, unchanged one naming
//! a built-in exercise (if any) is offered; a refused one is said in one sentence and kept;
//! a restore never restores a login; a 30-day one is restored across frames while the
//! window keeps answering.
#![cfg(feature = "gui")]
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use egui_kittest::kittest::Queryable;
use scs_sim::session::record::{MAX_SESSION_S, Recording};
use scs_sim::session::{AccessRequest, LogEntry, RemoteKey, Role, Session};
use scs_sim::ui::Mode;
use scs_sim::ui::prefs::Prefs;
use std::path::PathBuf;

mod common;

/// A fresh folder for this test's autosave.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("scs-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `rec` where the window autosaves, as the window writes it.
fn write(path: &std::path::Path, rec: &Recording) {
    std::fs::write(
        path,
        ron::ser::to_string_pretty(rec, Default::default()).unwrap(),
    )
    .unwrap();
}

fn session_on(id: &str) -> Session {
    let (p, d) = scs_sim::library::open(id).unwrap();
    Session::hosting(p, d, Role::Patient, 1)
}

/// The window's answer to a refused autosave: not offered, one sentence on the status
/// line naming where the file is kept, and the file there unchanged.
fn assert_refused(dir: &std::path::Path, text: &str, why: &str) {
    let path = dir.join("autosave.ron");
    std::fs::write(&path, text).unwrap();
    let mut h = common::app_harness_with(Prefs::default(), Some(path.clone()));
    h.run_steps(2);
    assert!(!h.state().recovery_offered(), "{why}: not offered");
    let status = h.state().status().unwrap_or_default().to_string();
    assert!(
        status.starts_with("The session autosaved before was not restored")
            && status.contains(why)
            && status.matches(". ").count() == 0,
        "one sentence: {status}"
    );
    let aside = dir.join("autosave.refused.ron");
    assert!(status.contains(&aside.display().to_string()), "{status}");
    assert_eq!(
        std::fs::read_to_string(&aside).unwrap(),
        text,
        "kept as it was"
    );
    assert!(
        h.query_by_label_contains("was not restored").is_some(),
        "shown in the window"
    );
    // Time runs and autosaves: the refused file is never overwritten.
    h.state_mut().prefs_mut().speed = scs_sim::ui::prefs::Speed::X10;
    h.run_steps(40);
    assert_eq!(std::fs::read_to_string(&aside).unwrap(), text);
}

#[test]
fn a_damaged_edited_or_unsigned_autosave_or_an_unknown_exercise_is_refused_and_kept() {
    let dir = folder("autosave-refused");
    let mut s = session_on("fbss");
    s.apply(RemoteKey::TherapyOn).unwrap();
    s.step(60.0);
    let sealed =
        ron::ser::to_string_pretty(&Recording::of(&s, "fbss"), Default::default()).unwrap();
    // Edited: a later time, the old checksum.
    let edited = sealed.replace("t_s: 60.0,\n    log", "t_s: 90.0,\n    log");
    assert_ne!(edited, sealed);
    assert_refused(&dir, &edited, "checksum no longer matches");
    // Unsigned: the checksum taken out.
    let unsigned: String = sealed
        .lines()
        .filter(|l| !l.contains("checksum"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_refused(&dir, &unsigned, "no checksum");
    // Damaged: cut short.
    assert_refused(&dir, &sealed[..sealed.len() / 2], "autosave.ron");
    // An exercise this build does not have, sealed as scs-sim would.
    let mut rec = Recording::of(&s, "fbss");
    rec.exercise = Some("no-such-exercise".into());
    let text = ron::ser::to_string_pretty(&rec.sealed(), Default::default()).unwrap();
    assert_refused(&dir, &text, "no-such-exercise");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_restored_exercise_keeps_no_login_no_pin_and_no_lock_out() {
    let dir = folder("autosave-login");
    let path = dir.join("autosave.ron");
    let ex = scs_sim::training::exercise::find("leg-coverage").unwrap();
    let mut s = ex.start_session().unwrap();
    assert_eq!(s.role, Role::Clinician, "the trainee had the programmer");
    // Wrong PINs in the crashed session's own lock: a lock-out was running.
    for _ in 0..3 {
        let _ = s.apply(AccessRequest::LeaveClinician);
        let _ = s.apply(AccessRequest::EnterClinician { pin: "0000".into() });
    }
    let _ = s.apply(AccessRequest::EnterClinician {
        pin: scs_sim::clinician::DEFAULT_PIN.into(),
    });
    s.step(120.0);
    write(&path, &Recording::of(&s, &ex.patient));
    let mut h = common::app_harness_with(Prefs::default(), Some(path));
    // Teach open before the restore is closed by it.
    common::teach(&mut h);
    h.run_steps(2);
    assert!(h.state().recovery_offered());
    common::restore_offered(&mut h, 200);
    let app = h.state();
    assert_eq!(app.session().exercise.as_deref(), Some("leg-coverage"));
    // It runs on at the exercise's own speed once restored.
    assert!(
        app.session().t_s >= s.t_s,
        "{} of {}",
        app.session().t_s,
        s.t_s
    );
    assert_eq!(app.session().role, Role::Patient, "no clinician login");
    assert!(!app.teacher_unlocked(), "no Teach login");
    assert_eq!(app.mode(), Mode::Patient);
    assert!(app.blind(), "the exercise runs on, blind");
    assert!(app.session().access.locked_until_s.is_none(), "no lock-out");
    assert!(
        app.session().access.pin_hash().is_none(),
        "the window's own PIN"
    );
    // The trainee logs in again with the PIN; Teach still wants its password.
    h.get_by_label("Clinician").click();
    h.run_steps(2);
    common::enter_pin(&mut h, scs_sim::clinician::DEFAULT_PIN);
    assert_eq!(h.state().session().role, Role::Clinician);
    h.get_by_label("Teach").click();
    h.run_steps(2);
    assert!(h.query_by_label("Start exercise").is_none());
    common::enter_teach_password(&mut h, scs_sim::clinician::DEFAULT_PIN);
    assert!(!h.state().teacher_unlocked());
    let _ = std::fs::remove_dir_all(&dir);
}

/// A sealed recording of `id` running for `t_s` simulated seconds with stimulation on.
fn long_recording(id: &str, t_s: f64) -> Recording {
    let s = session_on(id);
    let mut rec = Recording::of(&s, id);
    rec.t_s = t_s;
    if s.device().is_some() {
        rec.log.push(LogEntry {
            t_s: 0.0,
            role: Role::Patient,
            command: RemoteKey::TherapyOn.into(),
            refused: None,
        });
    }
    rec.sealed()
}

#[test]
fn a_30_day_autosave_is_restored_across_frames_and_the_window_keeps_answering() {
    let dir = folder("autosave-30-days");
    let path = dir.join("autosave.ron");
    write(&path, &long_recording("fbss", MAX_SESSION_S));
    let mut h = common::app_harness_with(Prefs::default(), Some(path.clone()));
    h.run_steps(2);
    h.get_by_label("Restore it").click();
    let mut last = 0.0;
    for frame in 0..12 {
        h.run_steps(1);
        let done = h.state().restoring().expect("restoring");
        assert!(
            frame < 2 || done > last,
            "progress every frame: {done} after {last}"
        );
        last = done;
    }
    assert!(
        h.query_by_label_contains("Restoring the session").is_some(),
        "the progress is shown"
    );
    // The window answers meanwhile: the help opens, and the restore can be stopped.
    h.get_by_label("Help (F1)").click();
    h.run_steps(1);
    assert!(h.state().help_open());
    h.key_press(egui::Key::F1);
    h.run_steps(1);
    h.get_by_label("Stop restoring").click();
    h.run_steps(2);
    assert!(h.state().restoring().is_none());
    assert!(h.state().recovery_offered(), "offered again");
    assert!(path.exists(), "its file is kept");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_30_day_pump_autosave_is_restored_to_its_end() {
    let dir = folder("autosave-pump-30-days");
    let path = dir.join("autosave.ron");
    write(&path, &long_recording("pump-hydromorphone", MAX_SESSION_S));
    let mut h = common::app_harness_with(Prefs::default(), Some(path));
    h.run_steps(2);
    h.get_by_label("Restore it").click();
    let mut frames = 0;
    while h.state().recovery_offered() {
        h.run_steps(1);
        frames += 1;
        assert!(frames < 5_000, "it ends");
    }
    assert!(frames > 1, "in more than one frame: {frames}");
    assert_eq!(h.state().session().t_s, MAX_SESSION_S);
    assert_eq!(h.state().patient_id(), "pump-hydromorphone");
    let _ = std::fs::remove_dir_all(&dir);
}
