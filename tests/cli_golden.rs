//! The command line's output, byte for byte, for every built-in patient: `eval` (text and
//! JSON), a short `simulate --json`, and the flags and refusals of each kind of implant.
//! The recorded outputs under `tests/golden/cli/` were made before the core was reshaped
//! (issue 21); a reshaping that changes one byte a script reads fails here.
//! `UPDATE_GOLDEN=1 cargo test --test cli_golden` records them anew: only for a change of
//! output made on purpose, and every changed file is read before it is committed.
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;
use std::process::Command;

/// Every built-in patient (stimulators, then drug pumps), as `list patients` names them.
const PATIENTS: [&str; 14] = [
    "fbss",
    "radiculopathy",
    "crps-foot",
    "cervical",
    "diabetic-neuropathy",
    "lead-too-high",
    "occipital-neuralgia",
    "phantom-limb",
    "medial-branch",
    "shoulder-axillary",
    "pump-cancer-morphine",
    "pump-hydromorphone",
    "pump-ziconotide",
    "pump-baclofen",
];

/// A short run for each kind: two minutes of a stimulator, two days of a pump.
fn simulate_args(patient: &str) -> Vec<String> {
    let span = if patient.starts_with("pump-") {
        ["--seconds", "172800", "--interval-s", "3600"]
    } else {
        ["--seconds", "120", "--interval-s", "10"]
    };
    let mut args = vec!["simulate", "--patient", patient, "--json"];
    args.extend(span);
    args.into_iter().map(String::from).collect()
}

/// Runs of each kind with its own flags, refusals of another kind's flags, and the
/// listings: (file name, arguments).
const FLAGGED: [(&str, &[&str]); 16] = [
    ("list-patients", &["list", "patients", "--json"]),
    ("list-exercises", &["list", "exercises", "--json"]),
    (
        "scs-settings",
        &[
            "eval",
            "--patient",
            "radiculopathy",
            "--amplitude-ma",
            "4.2",
            "--rate-hz",
            "60",
            "--contacts",
            "+-000000",
            "--posture",
            "standing",
            "--json",
        ],
    ),
    (
        "scs-burst",
        &[
            "eval",
            "--patient",
            "fbss",
            "--waveform",
            "burst",
            "--amplitude-ma",
            "1.5",
        ],
    ),
    (
        "scs-10k",
        &[
            "eval",
            "--patient",
            "fbss",
            "--program",
            "high-frequency-10k",
            "--json",
        ],
    ),
    (
        "scs-stop",
        &[
            "simulate",
            "--patient",
            "fbss",
            "--seconds",
            "90",
            "--stop-at",
            "40",
            "--csv",
            "--interval-s",
            "5",
        ],
    ),
    (
        "pns-distance",
        &[
            "eval",
            "--patient",
            "occipital-neuralgia",
            "--distance-mm",
            "1.5",
            "--deploy",
            "--amplitude-ma",
            "2",
            "--json",
        ],
    ),
    (
        "pns-text",
        &[
            "eval",
            "--patient",
            "shoulder-axillary",
            "--amplitude-ma",
            "3",
        ],
    ),
    (
        "pump-settings",
        &[
            "eval",
            "--patient",
            "pump-hydromorphone",
            "--rate-ml-per-day",
            "0.8",
            "--bolus-mg",
            "0.05",
            "--lockout-h",
            "2",
            "--max-boluses-per-day",
            "4",
        ],
    ),
    (
        "pump-refill",
        &[
            "eval",
            "--patient",
            "pump-cancer-morphine",
            "--drug",
            "hydromorphone",
            "--concentration-mg-per-ml",
            "5",
            "--reservoir-ml",
            "20",
            "--json",
        ],
    ),
    (
        "pump-bolus-occlusion",
        &[
            "simulate",
            "--patient",
            "pump-hydromorphone",
            "--seconds",
            "86400",
            "--interval-s",
            "1800",
            "--bolus-at",
            "3600",
            "--bolus-at",
            "7200",
            "--occlusion-at",
            "40000",
            "--csv",
        ],
    ),
    (
        "pump-refuses-stim-flags",
        &["eval", "--patient", "pump-baclofen", "--amplitude-ma", "3"],
    ),
    (
        "stim-refuses-pump-flags",
        &["eval", "--patient", "fbss", "--drug", "morphine"],
    ),
    (
        "scs-refuses-nerve-flags",
        &["eval", "--patient", "fbss", "--distance-mm", "2"],
    ),
    (
        "exercise-run",
        &[
            "simulate",
            "--exercise",
            "thresholds",
            "--seed",
            "1",
            "--seconds",
            "30",
            "--json",
        ],
    ),
    (
        "pump-exercise-run",
        &[
            "simulate",
            "--exercise",
            "pump-refill",
            "--seed",
            "1",
            "--seconds",
            "3600",
            "--interval-s",
            "600",
            "--json",
        ],
    ),
];

/// stdout, stderr and exit code of one run, as one text to compare.
fn run(args: &[String]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_scs-sim"))
        .args(args)
        .output()
        .expect("run scs-sim");
    format!(
        "$ scs-sim {}\n--- exit {}\n--- stdout\n{}--- stderr\n{}",
        args.join(" "),
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/cli")
}

/// Every case: (file name, arguments).
fn cases() -> Vec<(String, Vec<String>)> {
    let mut all = Vec::new();
    for p in PATIENTS {
        let eval = |json: bool| {
            let mut a = vec!["eval".to_string(), "--patient".into(), p.into()];
            if json {
                a.push("--json".into());
            }
            a
        };
        all.push((format!("{p}-eval"), eval(false)));
        all.push((format!("{p}-eval-json"), eval(true)));
        all.push((format!("{p}-simulate-json"), simulate_args(p)));
    }
    for (name, args) in FLAGGED {
        all.push((
            name.to_string(),
            args.iter().map(|a| a.to_string()).collect(),
        ));
    }
    all
}

#[test]
fn every_output_is_as_recorded() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let dir = golden_dir();
    std::fs::create_dir_all(&dir).unwrap();
    let mut differ = Vec::new();
    for (name, args) in cases() {
        let now = run(&args);
        let path = dir.join(format!("{name}.txt"));
        if update {
            std::fs::write(&path, &now).unwrap();
            continue;
        }
        let recorded = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 records it)", path.display()));
        if recorded != now {
            let line = recorded
                .lines()
                .zip(now.lines())
                .position(|(a, b)| a != b)
                .map_or(0, |i| i + 1);
            differ.push(format!("{name} (first differing line {line})"));
        }
    }
    assert!(differ.is_empty(), "output changed: {}", differ.join(", "));
}

#[test]
fn every_built_in_patient_is_covered() {
    let out = Command::new(env!("CARGO_BIN_EXE_scs-sim"))
        .args(["list", "patients", "--json"])
        .output()
        .unwrap();
    let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, PATIENTS);
}

/// A saved session file, byte for byte: the format that `score` and `check` read back.
fn saved_session(name: &str, args: &[&str]) -> (PathBuf, String) {
    let dir = std::env::temp_dir().join(format!("scs-golden-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("s.ron");
    let out = Command::new(env!("CARGO_BIN_EXE_scs-sim"))
        .args(args)
        .arg("--save-session")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    (golden_dir().join(format!("{name}.ron")), text)
}

#[test]
fn saved_sessions_are_as_recorded() {
    let cases = [
        (
            "session-thresholds",
            &[
                "simulate",
                "--exercise",
                "thresholds",
                "--seed",
                "1",
                "--seconds",
                "30",
                "--amplitude-ma",
                "4",
                "--csv",
            ][..],
        ),
        (
            "session-pump-refill",
            &[
                "simulate",
                "--exercise",
                "pump-refill",
                "--seed",
                "1",
                "--seconds",
                "600",
                "--csv",
            ][..],
        ),
    ];
    for (name, args) in cases {
        let (path, now) = saved_session(name, args);
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&path, &now).unwrap();
            continue;
        }
        let recorded = std::fs::read_to_string(&path).unwrap();
        assert!(recorded == now, "{name}: the saved session changed");
    }
}
