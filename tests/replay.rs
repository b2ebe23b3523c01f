//! Checked replay: a recording whose outcomes no longer match what the rules decide is
//! reported at its first divergence, in one sentence; old formats are refused with a reason.
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use scs_sim::session::record::{self, Recording};
use scs_sim::session::{ProgrammerEdit, Refusal, RemoteKey, Role, Session};
use std::path::Path;

fn recorded() -> Recording {
    let (p, d) = scs_sim::library::default_patient();
    let mut s = Session::new(p, d, Role::Patient, 4);
    s.apply(RemoteKey::TherapyOn).unwrap();
    s.step(10.0);
    s.apply(RemoteKey::AmplitudeUp).unwrap();
    s.step(5.0);
    // The patient may not program: refused, and recorded as refused.
    assert_eq!(
        s.apply(ProgrammerEdit::SetAmplitude(14.0)),
        Err(Refusal::NotAllowed)
    );
    s.step(5.0);
    Recording::of(&s, "fbss")
}

#[test]
fn an_honest_recording_replays_with_every_outcome_as_recorded() {
    let rec = recorded();
    let s = rec.replay().unwrap();
    assert_eq!(s.log, rec.log);
    assert_eq!(s.t_s, rec.t_s);
}

#[test]
fn a_refusal_rewritten_as_accepted_is_reported_at_its_entry() {
    let mut rec = recorded();
    rec.log[2].refused = None;
    let e = rec.replay().unwrap_err().to_string();
    assert!(
        e.contains("entry 3") && e.contains("accepted when recorded") && e.contains("refused"),
        "{e}"
    );
    assert!(e.contains("Only the clinician programmer"), "{e}");
}

#[test]
fn an_accepted_command_recorded_as_refused_is_reported_too() {
    let mut rec = recorded();
    rec.log[1].refused = Some(Refusal::StimulationOff);
    let e = rec.replay().unwrap_err().to_string();
    assert!(
        e.contains("entry 2") && e.contains("accepted on replay"),
        "{e}"
    );
}

#[test]
fn a_different_rule_counts_as_a_divergence() {
    let mut rec = recorded();
    rec.log[2].refused = Some(Refusal::AtMaximum { max_ma: 10.0 });
    assert!(rec.replay().is_err());
}

#[test]
fn check_runs_the_replay_and_old_session_files_are_refused_with_a_reason() {
    let dir = std::env::temp_dir().join(format!("scs-replay-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut rec = recorded();
    rec.log[2].refused = None;
    // Resealed, as anyone with the program can: the checksum matches, the replay does not.
    let rec = rec.sealed();
    let forged = dir.join("forged.ron");
    scs_sim::files::save_ron(&forged, &rec).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scs-sim"))
        .args(["check", forged.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("differs from the recording") && err.contains("entry 3"),
        "{err}"
    );

    let old = "Session(version: 1, patient: \"fbss\", seed: 1, role: Patient, t_s: 1.0, log: [])";
    let e = record::parse(Path::new("old.ron"), old)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains("version 1") && e.contains("record the session again"),
        "{e}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

fn check(path: &Path) -> (bool, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_scs-sim"))
        .args(["check", path.to_str().unwrap()])
        .output()
        .unwrap();
    let said = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (out.status.success(), said(&out.stdout), said(&out.stderr))
}

/// `check` says "ok" only when the checksum matches; an edit the replay cannot see (the
/// end time moved) and a removed checksum each fail with one sentence.
#[test]
fn check_says_ok_only_when_the_checksum_matches() {
    let dir = std::env::temp_dir().join(format!("scs-seal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let honest = recorded();
    let path = dir.join("honest.ron");
    scs_sim::files::save_ron(&path, &honest).unwrap();
    let (ok, out, err) = check(&path);
    assert!(
        ok && out.starts_with("ok ") && out.contains("checksum matches"),
        "{out}{err}"
    );

    let mut edited = honest.clone();
    edited.t_s += 5.0;
    assert!(
        edited.replay().is_ok(),
        "an edit the replay alone cannot see"
    );
    scs_sim::files::save_ron(&path, &edited).unwrap();
    let (ok, out, err) = check(&path);
    assert!(!ok && !out.contains("ok "), "{out}");
    let first = err.lines().next().unwrap();
    assert!(first.contains("checksum does not match"), "{err}");

    let unsigned = Recording {
        checksum: None,
        ..honest
    };
    scs_sim::files::save_ron(&path, &unsigned).unwrap();
    let (ok, out, err) = check(&path);
    assert!(!ok && !out.contains("ok "), "{out}");
    assert!(
        err.lines().next().unwrap().contains("has no checksum"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
