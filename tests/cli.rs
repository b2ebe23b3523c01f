//! The command line as a contract: field names, exit codes, one-sentence errors.
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use serde_json::Value;
use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_scs-sim"))
        .args(args)
        .output()
        .expect("run scs-sim")
}

fn json(args: &[&str]) -> Value {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn fails(args: &[&str]) -> String {
    let out = run(args);
    assert!(!out.status.success(), "{args:?} should fail");
    let err = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(!err.contains("panicked"), "{args:?} panicked: {err}");
    assert!(
        out.stdout.is_empty() || args[0] == "check",
        "{args:?} printed to stdout on error"
    );
    err
}

#[test]
fn eval_json_has_every_contract_field_consistent_with_the_formulas() {
    let r = json(&[
        "eval",
        "--json",
        "--amplitude-ma",
        "6",
        "--pulse-width-us",
        "400",
        "--rate-hz",
        "60",
    ]);
    for key in [
        "amplitude_ma",
        "pulse_width_us",
        "rate_hz",
        "waveform",
        "contact_area_mm2",
        "charge_per_phase_uc",
        "max_charge_density_uc_per_cm2",
        "shannon_k",
        "impedance_ohm",
        "compliance_voltage_v",
        "perception_threshold_ma",
        "discomfort_threshold_ma",
        "usage_range",
        "paresthesia",
        "paresthesia_coverage",
        "pain_vas",
        "relief_percent",
        "side_effects",
        "warnings",
    ] {
        assert!(r.get(key).is_some(), "missing {key}");
    }
    assert_eq!(r["amplitude_ma"], 6.0);
    assert!((r["charge_per_phase_uc"].as_f64().unwrap() - 2.4).abs() < 1e-9);
    // Two cathodes share the current (dual lead): 1.2 µC on each over 0.1225 cm².
    let d = r["max_charge_density_uc_per_cm2"].as_f64().unwrap();
    assert!((d - 1.2 / 0.1225).abs() < 0.05, "{d}");
    assert_eq!(r["compliance_voltage_v"], 12.0);
    assert!(r["paresthesia"].is_object() && r["warnings"].is_array());
}

#[test]
fn eval_flags_change_the_answer_the_way_the_device_would() {
    let r = json(&[
        "eval",
        "--json",
        "--patient",
        "radiculopathy",
        "--waveform",
        "high-frequency",
        "--amplitude-ma",
        "3",
    ]);
    assert_eq!(r["waveform"], "high-frequency");
    assert_eq!(r["rate_hz"], 10000.0);
    assert!(r["perception_threshold_ma"].is_null(), "10 kHz is not felt");
    let r = json(&[
        "eval",
        "--json",
        "--contacts",
        "00-00000",
        "--case-anode",
        "--amplitude-ma",
        "4",
        "--lead-level",
        "T10",
        "--lateral-mm",
        "-2",
    ]);
    assert_eq!(r["contacts"], "00-00000");
    assert_eq!(r["lead_level"], "T10");
    let high = json(&[
        "eval",
        "--json",
        "--amplitude-ma",
        "14",
        "--pulse-width-us",
        "500",
    ]);
    let codes: Vec<&str> = high["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"discomfort"), "{codes:?}");
    let prone = json(&["eval", "--json", "--posture", "prone"]);
    let supine = json(&["eval", "--json", "--posture", "supine"]);
    // Both are numbers (a missing field must fail, not compare as None).
    let threshold = |r: &Value| r["perception_threshold_ma"].as_f64().expect("a threshold");
    assert!(
        threshold(&prone) > threshold(&supine),
        "prone {prone} vs supine {supine}"
    );
    let pain = json(&[
        "eval",
        "--json",
        "--pain",
        "hand_left=7",
        "--amplitude-ma",
        "8",
    ]);
    assert_eq!(
        pain["relief_percent"], 0.0,
        "a T9 lead does nothing for a hand"
    );
}

#[test]
fn bad_flags_and_values_fail_with_one_clear_sentence() {
    let cases: [(&[&str], &str); 14] = [
        (&["eval", "--amplitude-ma", "-1"], "outside 0–25.5 mA"),
        (
            &["eval", "--amplitude-ma", "NaN"],
            "--amplitude-ma refused: NaN",
        ),
        (&["eval", "--amplitude-ma", "40"], "outside 0–25.5"),
        (&["eval", "--pulse-width-us", "5"], "pulse width"),
        (&["eval", "--waveform", "sine"], "unknown waveform 'sine'"),
        (&["eval", "--contacts", "0+-x0000"], "'x'"),
        (&["eval", "--contacts", "0+0+0000"], "no cathode"),
        (
            &["eval", "--lead-level", "T13"],
            "unknown vertebral level 'T13'",
        ),
        (&["eval", "--posture", "upside-down"], "unknown posture"),
        (
            &["eval", "--pain", "elbow=5"],
            "unknown body region 'elbow'",
        ),
        (&["eval", "--pain", "hand_left=12"], "outside 0–10"),
        (&["eval", "--patient", "nobody"], "unknown patient"),
        (&["simulate", "--seconds", "-5"], "--seconds -5"),
        (&["eval", "--csf-mm", "40"], "outside 0.5–12 mm"),
    ];
    for (args, needle) in cases {
        let err = fails(args);
        assert!(err.contains(needle), "{args:?}: {err}");
        assert_eq!(
            err.trim().lines().count(),
            1,
            "{args:?}: one sentence, got {err}"
        );
    }
    let err = fails(&["eval", "--no-such-flag"]);
    assert!(err.contains("--no-such-flag"));
}

#[test]
fn simulate_prints_series_in_json_and_csv() {
    let r = json(&[
        "simulate",
        "--seconds",
        "600",
        "--interval-s",
        "60",
        "--amplitude-ma",
        "8",
        "--json",
        "--stop-at",
        "300",
    ]);
    let series = r["series"].as_array().unwrap();
    assert_eq!(series.len(), 11);
    for key in [
        "t_s",
        "stimulation_on",
        "amplitude_ma",
        "pain_vas",
        "relief_percent",
        "paresthesia_intensity",
    ] {
        assert!(series[0].get(key).is_some(), "missing {key}");
    }
    assert_eq!(series[5]["stimulation_on"], true);
    assert_eq!(series[6]["stimulation_on"], false);
    assert!(r["summary"]["peak_relief_percent"].as_f64().unwrap() > 10.0);
    let out = run(&["simulate", "--seconds", "10", "--csv"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with(
        "t_s,stimulation_on,amplitude_ma,pain_vas,relief_percent,paresthesia_intensity\n"
    ));
    assert_eq!(text.lines().count(), 12);
    let a = run(&["simulate", "--seconds", "120", "--seed", "5", "--csv"]).stdout;
    let b = run(&["simulate", "--seconds", "120", "--seed", "5", "--csv"]).stdout;
    assert_eq!(a, b, "same seed, same output");
}

#[test]
fn check_validates_files_and_names_the_place_of_each_problem() {
    let dir = std::env::temp_dir().join(format!("scs-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let good = format!("{root}/assets/programs/burst.ron");
    let patient = format!("{root}/assets/patients/cervical.ron");
    let out = run(&["check", &good, &patient]);
    assert!(out.status.success());
    let bad = dir.join("bad.ron");
    std::fs::write(&bad, "Program(\n    version: 1,\n    name: \"x\",\n    waveform: Tonic,\n    pulse_width_us: 3000,\n").unwrap();
    let err = fails(&["check", &good, bad.to_str().unwrap()]);
    assert!(err.contains("bad.ron:"), "{err}");
    let garbage = dir.join("garbage.ron");
    std::fs::write(&garbage, [0u8, 159, 146, 150]).unwrap();
    let err = fails(&["check", garbage.to_str().unwrap()]);
    assert!(err.contains("garbage.ron"), "{err}");
}

#[test]
fn list_names_the_built_in_patients_and_programs() {
    let out = String::from_utf8(run(&["list", "patients"]).stdout).unwrap();
    for id in [
        "fbss",
        "radiculopathy",
        "crps-foot",
        "cervical",
        "diabetic-neuropathy",
        "lead-too-high",
    ] {
        assert!(out.contains(id), "{id} missing from {out}");
    }
    let out = String::from_utf8(run(&["list", "programs"]).stdout).unwrap();
    assert!(out.lines().count() >= 3);
    fails(&["list", "dogs"]);
}

/// `score`'s text has one line per criterion, each out of its maximum, adding up to
/// the score.
fn criteria_add_up(text: &str, score: u64) {
    let mut sum = 0;
    for (name, max) in [
        ("goal", 50),
        ("relief", 20),
        ("safety", 15),
        ("efficiency", 10),
        ("time", 5),
    ] {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("no {name} line: {text}"));
        let points = line.split_whitespace().nth(1).unwrap();
        let (got, of) = points.split_once('/').unwrap();
        assert_eq!(of, max.to_string(), "{line}");
        sum += got.parse::<u64>().unwrap();
    }
    assert_eq!(sum, score, "{text}");
}

/// `score FOLDER` grades the folder's files in name order, as `score` of them one by one
/// (`listed`), with no progress bar on a pipe; an empty folder is refused in one sentence.
fn folder_grades_as_its_files(dir: &std::path::Path, listed: &Value) {
    let whole = run(&["score", "--json", dir.to_str().unwrap()]);
    assert!(whole.status.success());
    assert!(
        whole.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&whole.stderr)
    );
    assert_eq!(
        &serde_json::from_slice::<serde_json::Value>(&whole.stdout).unwrap(),
        listed
    );
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let refused = run(&["score", empty.to_str().unwrap()]);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("holds no session files"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
}

#[test]
fn score_grades_a_folder_of_sessions_and_check_reads_exercises_and_sessions() {
    use scs_sim::session::{ProgrammerEdit as P, RemoteKey as K};
    let dir = std::env::temp_dir().join(format!("scs-score-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let ex = scs_sim::training::exercise::find("leg-coverage").unwrap();
    for (name, ma) in [("good", 4.8), ("reckless", 14.0)] {
        let mut s = ex.start_session().unwrap();
        s.apply(K::TherapyOn).unwrap();
        // The exercise's trial program sits on the upper contacts: move the cathode down.
        s.apply(P::SetContacts {
            code: "00000+-+".into(),
            case_anode: false,
        })
        .unwrap();
        s.apply(P::SetAmplitude(ma)).unwrap();
        s.step(300.0);
        scs_sim::session::record::save(&dir.join(format!("{name}.ron")), &s, &ex.patient).unwrap();
    }
    let good = dir.join("good.ron");
    let reckless = dir.join("reckless.ron");
    let r = json(&[
        "score",
        "--json",
        good.to_str().unwrap(),
        reckless.to_str().unwrap(),
    ]);
    let reports = r.as_array().unwrap();
    assert_eq!(reports.len(), 2);
    folder_grades_as_its_files(&dir, &r);
    assert_eq!(reports[0]["report"]["goal_met"], true);
    assert_eq!(reports[1]["report"]["goal_met"], false);
    assert!(reports[0]["report"]["score"].as_u64() > reports[1]["report"]["score"].as_u64());
    // The text says how the score was made: one line per criterion, adding up to it.
    let text = String::from_utf8(run(&["score", reckless.to_str().unwrap()]).stdout).unwrap();
    let score = reports[1]["report"]["score"].as_u64().unwrap();
    assert!(text.contains(&format!("score {score}/100")), "{text}");
    criteria_add_up(&text, score);
    assert!(
        text.contains("discomfort") && text.contains("expert"),
        "{text}"
    );
    assert!(
        run(&[
            "check",
            good.to_str().unwrap(),
            &format!(
                "{}/assets/exercises/leg-coverage.ron",
                env!("CARGO_MANIFEST_DIR")
            )
        ])
        .status
        .success()
    );
    let newer = dir.join("newer.ron");
    std::fs::write(
        &newer,
        std::fs::read_to_string(&good)
            .unwrap()
            .replace("version: 2", "version: 7"),
    )
    .unwrap();
    assert!(fails(&["score", newer.to_str().unwrap()]).contains("newer scs-sim"));
    let missing = dir.join("missing.ron");
    std::fs::write(
        &missing,
        std::fs::read_to_string(&good)
            .unwrap()
            .replace("patient: \"radiculopathy\"", "patient: \"nobody\""),
    )
    .unwrap();
    assert!(fails(&["check", missing.to_str().unwrap()]).contains("unknown patient"));
    let out = String::from_utf8(run(&["list", "exercises"]).stdout).unwrap();
    assert!(out.lines().count() >= 6, "{out}");
}

#[test]
fn list_shows_each_patients_implant_and_prints_json_for_scripts() {
    let out = String::from_utf8(run(&["list", "patients"]).stdout).unwrap();
    for line in out.lines() {
        let implant = line.split_whitespace().nth(1);
        assert!(
            implant == Some("scs") || implant == Some("pns") || implant == Some("pump"),
            "{line}"
        );
    }
    let patients = json(&["list", "patients", "--json"]);
    let patients = patients.as_array().unwrap();
    assert_eq!(patients.len(), 14);
    assert_eq!(patients[0]["id"], "fbss");
    assert_eq!(patients[0]["name"], "Maria");
    assert!(patients[..6].iter().all(|p| p["implant"] == "scs"));
    assert!(patients[6..10].iter().all(|p| p["implant"] == "pns"));
    assert!(patients[10..].iter().all(|p| p["implant"] == "pump"));
    let exercises = json(&["list", "exercises", "--json"]);
    let exercises = exercises.as_array().unwrap();
    assert!(exercises.len() >= 7, "{exercises:?}");
    let ids: Vec<&str> = patients.iter().filter_map(|p| p["id"].as_str()).collect();
    for e in exercises {
        assert!(e["id"].is_string() && e["name"].is_string(), "{e}");
        assert!(ids.contains(&e["patient"].as_str().unwrap()), "{e}");
        let patient = patients.iter().find(|p| p["id"] == e["patient"]).unwrap();
        assert_eq!(e["implant"], patient["implant"], "{e}");
    }
    let leg = exercises
        .iter()
        .find(|e| e["id"] == "leg-coverage")
        .unwrap();
    assert_eq!(leg["patient"], "radiculopathy");
    let programs = json(&["list", "programs", "--json"]);
    assert!(programs.as_array().unwrap().len() >= 3);
}

/// Spawns scs-sim with stdout and stderr piped.
fn spawn(args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_scs-sim"))
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn scs-sim")
}

/// Reads `bytes` of the child's output, closes the read end and waits for it.
fn read_then_close(mut child: std::process::Child, bytes: usize) -> (Vec<u8>, Output) {
    use std::io::Read;
    let mut head = vec![0u8; bytes];
    let mut stdout = child.stdout.take().unwrap();
    stdout.read_exact(&mut head).unwrap();
    drop(stdout);
    (head, child.wait_with_output().unwrap())
}

#[test]
fn a_closed_stdout_ends_quietly_without_a_panic() {
    let child = spawn(&[
        "simulate",
        "--seconds",
        "86400",
        "--interval-s",
        "1",
        "--csv",
    ]);
    let (head, out) = read_then_close(child, 100);
    assert!(head.starts_with(b"t_s,"));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_ne!(out.status.code(), Some(101), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.status.success() && err.is_empty(), "quiet exit: {err}");
}

#[test]
fn a_closed_stdout_still_saves_the_session_asked_for() {
    // `| head` on a long run of a stimulator and of a drug pump: the run goes on
    // quietly to its end and the session file is written, whole.
    for patient in ["fbss", "pump-cancer-morphine"] {
        let path =
            std::env::temp_dir().join(format!("scs-head-{patient}-{}.ron", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let child = spawn(&[
            "simulate",
            "--patient",
            patient,
            "--seconds",
            "20000",
            "--interval-s",
            "1",
            "--csv",
            "--save-session",
            path.to_str().unwrap(),
        ]);
        let (head, out) = read_then_close(child, 100);
        assert!(head.starts_with(b"t_s,"), "{patient}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success() && err.is_empty(), "{patient}: {err}");
        let check = run(&["check", path.to_str().unwrap()]);
        let said = String::from_utf8_lossy(&check.stdout);
        assert!(
            check.status.success() && said.contains("over 20000 s"),
            "{patient}: {said}"
        );
        let _ = std::fs::remove_file(&path);
    }
}

/// Every help, the version and every listing, as well as a run's output: a full disk
/// (`/dev/full`, which Linux always has) is one sentence and a failure.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_gives_one_sentence_and_a_failure() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("Linux has /dev/full");
    let mut cases: Vec<Vec<&str>> = vec![
        vec!["simulate", "--seconds", "600", "--csv"],
        vec!["eval", "--json"],
        vec!["--help"],
        vec!["-h"],
        vec!["--version"],
        vec!["help"],
        vec!["help", "simulate"],
    ];
    for sub in ["eval", "simulate", "check", "score", "list", "cohort"] {
        cases.push(vec![sub, "--help"]);
    }
    for what in ["patients", "programs", "exercises"] {
        cases.push(vec!["list", what]);
        cases.push(vec!["list", what, "--json"]);
    }
    for args in &cases {
        let out = Command::new(env!("CARGO_BIN_EXE_scs-sim"))
            .args(args)
            .stdout(full.try_clone().unwrap())
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{args:?}");
        assert_ne!(out.status.code(), Some(101), "{args:?}: {err}");
        assert_eq!(
            err.trim(),
            "scs-sim: cannot write the output: No space left on device",
            "{args:?}"
        );
    }
}

#[test]
fn a_long_json_run_streams_and_a_long_csv_run_completes() {
    // 8.64 million rows: the first ones arrive at once, nothing is built whole.
    let child = spawn(&[
        "simulate",
        "--seconds",
        "86400",
        "--interval-s",
        "0.01",
        "--json",
    ]);
    let (head, out) = read_then_close(child, 4096);
    let head = String::from_utf8(head).unwrap();
    assert!(
        head.starts_with("{\n  \"series\": [\n    {\"t_s\":0.0,"),
        "{head}"
    );
    assert_ne!(out.status.code(), Some(101));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
    let child = spawn(&[
        "simulate",
        "--seconds",
        "3600",
        "--interval-s",
        "0.01",
        "--csv",
    ]);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = out.stdout.iter().filter(|b| **b == b'\n').count() - 1;
    assert_eq!(rows, 360_001);
    assert!(out.stdout.ends_with(b"\n") && out.stdout.starts_with(b"t_s,"));
}

#[test]
fn json_keeps_the_summary_and_series_and_text_its_twenty_rows() {
    let r = json(&[
        "simulate",
        "--seconds",
        "3600",
        "--interval-s",
        "0.5",
        "--json",
    ]);
    assert_eq!(r["series"].as_array().unwrap().len(), 7201);
    assert_eq!(r["summary"]["seconds"], 3600.0);
    let peak = r["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["relief_percent"].as_f64().unwrap())
        .fold(0.0, f64::max);
    assert_eq!(r["summary"]["peak_relief_percent"].as_f64().unwrap(), peak);
    let out = run(&["simulate", "--seconds", "3600", "--interval-s", "0.5"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("Patient fbss") && text.contains("peak relief"),
        "{text}"
    );
    assert!(text.lines().count() < 30, "{text}");
}

#[test]
fn non_finite_numbers_tonic_burst_flags_and_repeated_regions_are_refused() {
    let cases: [(&[&str], &str); 7] = [
        (
            &["eval", "--burst-rate-hz", "NaN"],
            "--burst-rate-hz refused: NaN",
        ),
        (
            &["eval", "--pulse-width-us", "inf"],
            "--pulse-width-us refused: inf",
        ),
        (
            &["eval", "--lateral-mm", "NaN"],
            "--lateral-mm refused: NaN",
        ),
        (&["eval", "--burst-pulses", "5"], "--burst-pulses refused"),
        (
            &[
                "eval",
                "--waveform",
                "high-frequency",
                "--burst-rate-hz",
                "400",
            ],
            "the waveform is high-frequency",
        ),
        (
            &["eval", "--pain", "hand_left=3,foot_left=2,hand_left=7"],
            "region hand_left is given twice",
        ),
        (&["simulate", "--seconds", "NaN"], "--seconds NaN"),
    ];
    for (args, needle) in cases {
        let err = fails(args);
        assert!(err.contains(needle), "{args:?}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{args:?}: {err}");
    }
    let ok = json(&[
        "eval",
        "--json",
        "--waveform",
        "burst",
        "--burst-pulses",
        "4",
        "--amplitude-ma",
        "1",
    ]);
    assert_eq!(ok["waveform"], "burst");
}

#[test]
fn over_long_values_are_echoed_cut() {
    let long = "a".repeat(100_000);
    for flag in [
        "--contacts",
        "--patient",
        "--program",
        "--pain",
        "--waveform",
    ] {
        let err = fails(&["eval", flag, &long]);
        assert!(err.len() < 600, "{flag}: {} bytes echoed", err.len());
        assert!(err.contains("100000 characters"), "{flag}: {err}");
    }
}

#[test]
fn ron_errors_in_files_read_in_plain_words_with_their_place() {
    let dir = std::env::temp_dir().join(format!("scs-ron-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let root = env!("CARGO_MANIFEST_DIR");
    let exercise =
        std::fs::read_to_string(format!("{root}/assets/exercises/lead-migration.ron")).unwrap();
    let program = std::fs::read_to_string(format!("{root}/assets/programs/burst.ron")).unwrap();
    let session = dir.join("session.ron");
    let out = run(&[
        "simulate",
        "--seconds",
        "10",
        "--save-session",
        session.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let session = std::fs::read_to_string(&session).unwrap();
    let cases = [
        // The list of start commands is never closed: the next field reads as a command.
        (
            "exercise",
            exercise.replace(
                "        Remote(TherapyOn),\n    ],",
                "        Remote(TherapyOn),\n",
            ),
            "is not a command",
        ),
        (
            "exercise",
            exercise.replace("version: 2,", "version: 2, r#+: 3,"),
            "is not a field of an exercise",
        ),
        (
            "program",
            program.replace("name: \"", "name: "),
            "expected text in double quotes",
        ),
        (
            "program",
            program.replace("waveform: Burst", "waveform: Bursting"),
            "'Bursting' is not a waveform",
        ),
        (
            "session",
            session.replace("TherapyOn", "TherapyOnn"),
            "'TherapyOnn' is not a remote key",
        ),
    ];
    for (i, (kind, text, needle)) in cases.iter().enumerate() {
        let path = dir.join(format!("{kind}-{i}.ron"));
        std::fs::write(&path, text).unwrap();
        let err = fails(&["check", path.to_str().unwrap()]);
        let first = err.lines().next().unwrap();
        assert!(first.contains(&format!("{kind}-{i}.ron:")), "{first}");
        let place = first.split(".ron:").nth(1).unwrap();
        let mut numbers = place.split(':').take(2);
        assert!(
            numbers.all(|n| n.trim().parse::<usize>().is_ok()),
            "file:line:col expected: {first}"
        );
        assert!(first.contains(needle), "{kind}: {first}");
        for jargon in ["enum", "struct", "variant", "identifier", "`", "RON"] {
            assert!(
                !first.contains(jargon),
                "{kind}: jargon '{jargon}' in {first}"
            );
        }
    }
}

#[test]
fn simulate_an_exercise_save_the_session_and_score_it() {
    let dir = std::env::temp_dir().join(format!("scs-exsim-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let saved = dir.join("trainee.ron");
    let out = run(&[
        "simulate",
        "--exercise",
        "leg-coverage",
        "--seed",
        "1",
        "--contacts",
        "00000+-+",
        "--amplitude-ma",
        "4.8",
        "--seconds",
        "300",
        "--csv",
        "--save-session",
        saved.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("attempt seed 1 "),
        "the attempt's seed is said"
    );
    let r = json(&["score", "--json", saved.to_str().unwrap()]);
    assert_eq!(r[0]["report"]["exercise"], "leg-coverage");
    assert_eq!(r[0]["report"]["seed"], 1);
    assert_eq!(r[0]["report"]["goal_met"], true);
    assert!(r[0]["report"]["score"].as_u64().unwrap() >= 80, "{r}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn in_an_exercise_world_flags_are_refused_naming_the_flag() {
    // The scene belongs to the exercise: world flags are refused, naming the flag.
    for (flag, value) in [
        ("--posture", "supine"),
        ("--pain", "foot_left=5"),
        ("--lead-level", "T10"),
        ("--lateral-mm", "2"),
        ("--csf-mm", "3"),
    ] {
        let err = fails(&[
            "simulate",
            "--exercise",
            "leg-coverage",
            "--seconds",
            "10",
            flag,
            value,
        ]);
        assert!(err.contains(&format!("{flag} refused")), "{flag}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
}

#[test]
fn a_teachers_own_exercise_file_is_named_on_the_command_line() {
    let dir = std::env::temp_dir().join(format!("scs-exown-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let saved = dir.join("trainee.ron");
    let out = run(&[
        "simulate",
        "--exercise",
        "leg-coverage",
        "--seconds",
        "60",
        "--save-session",
        saved.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A teacher's own exercise file: the session names its id, the teacher names the file.
    let root = env!("CARGO_MANIFEST_DIR");
    let own = dir.join("my-legs.ron");
    std::fs::write(
        &own,
        std::fs::read_to_string(format!("{root}/assets/exercises/leg-coverage.ron"))
            .unwrap()
            .replace("id: \"leg-coverage\"", "id: \"my-legs\""),
    )
    .unwrap();
    let mine = dir.join("mine.ron");
    let out = run(&[
        "simulate",
        "--exercise",
        own.to_str().unwrap(),
        "--amplitude-ma",
        "6",
        "--seconds",
        "120",
        "--save-session",
        mine.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = fails(&["score", mine.to_str().unwrap()]);
    assert!(
        err.contains("not built in") && err.contains("--exercise FILE"),
        "{err}"
    );
    let r = json(&[
        "score",
        "--json",
        "--exercise",
        own.to_str().unwrap(),
        mine.to_str().unwrap(),
    ]);
    assert_eq!(r[0]["report"]["exercise"], "my-legs");
    let err = fails(&[
        "score",
        "--exercise",
        own.to_str().unwrap(),
        saved.to_str().unwrap(),
    ]);
    assert!(
        err.contains("recorded for exercise 'leg-coverage'"),
        "{err}"
    );
    // Without --exercise, --save-session saves a free session that check replays.
    let free = dir.join("free.ron");
    let out = run(&[
        "simulate",
        "--seconds",
        "30",
        "--amplitude-ma",
        "5",
        "--save-session",
        free.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert!(run(&["check", free.to_str().unwrap()]).status.success());
    assert!(fails(&["score", free.to_str().unwrap()]).contains("not an exercise"));
}

#[test]
fn a_session_longer_than_a_file_may_hold_is_refused_and_not_written() {
    let path = std::env::temp_dir().join(format!("scs-long-{}.ron", std::process::id()));
    let _ = std::fs::remove_file(&path);
    // 31 days of a pump patient: simulate allows it, a session file holds at most 30 days.
    let out = run(&[
        "simulate",
        "--patient",
        "pump-baclofen",
        "--seconds",
        "2678400",
        "--interval-s",
        "86400",
        "--save-session",
        path.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("at most") && err.contains("30 days"), "{err}");
    assert!(!path.exists(), "no file that nothing could read back");
}

/// `simulate --save-session` onto a named pipe, a device or a symbolic link, or into a
/// folder that does not exist, is refused in one sentence before the run (nothing is
/// printed), and the target is left as it was.
#[cfg(unix)]
#[test]
fn a_session_is_never_saved_over_a_pipe_a_device_or_a_link() {
    use std::os::unix::fs::FileTypeExt;
    let dir = std::env::temp_dir().join(format!("scs-save-special-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("pipe.ron");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let real = dir.join("real.ron");
    std::fs::write(&real, "kept").unwrap();
    let link = dir.join("link.ron");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    // A device made here where the system allows it (root), else /dev/null itself.
    let made = dir.join("null-device");
    let device = if Command::new("mknod")
        .args([made.to_str().unwrap(), "c", "1", "3"])
        .status()
        .is_ok_and(|s| s.success())
    {
        made
    } else {
        "/dev/null".into()
    };
    // A folder that does not exist is said before the run too (nothing printed).
    let nowhere = dir.join("no-such-folder/s.ron");
    for (target, what) in [
        (&fifo, "a named pipe, not a regular file"),
        (&device, "a device, not a regular file"),
        (&link, "a symbolic link, not a regular file"),
        (&nowhere, "does not exist"),
    ] {
        let err = fails(&[
            "simulate",
            "--seconds",
            "10",
            "--save-session",
            target.to_str().unwrap(),
        ]);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(what), "{err}");
    }
    let kind = |p: &std::path::Path| std::fs::symlink_metadata(p).unwrap().file_type();
    assert!(kind(&fifo).is_fifo());
    assert!(kind(&device).is_char_device());
    assert!(kind(&link).is_symlink());
    assert_eq!(std::fs::read_to_string(&real).unwrap(), "kept");
    std::fs::remove_dir_all(&dir).ok();
}

/// A multi-megabyte string in a patient, program, exercise or session file is quoted in
/// the error as a short excerpt that says how long it was.
#[test]
fn a_huge_string_in_a_file_is_quoted_as_a_short_excerpt() {
    let dir = std::env::temp_dir().join(format!("scs-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let huge = "x".repeat(3_000_000);
    let root = env!("CARGO_MANIFEST_DIR");
    let asset = |p: &str| std::fs::read_to_string(format!("{root}/assets/{p}")).unwrap();
    let session =
        std::fs::read_to_string(format!("{root}/tests/golden/cli/session-thresholds.ron")).unwrap();
    let exercise = asset("exercises/thresholds.ron");
    let with_id = exercise.replace("id: \"thresholds\"", &format!("id: \"{huge}\""));
    assert_ne!(with_id, exercise);
    let cases = [
        (
            "patient",
            asset("patients/fbss.ron").replace("\"low_back\": 6.5", &format!("\"{huge}\": 6.5")),
        ),
        (
            "program",
            asset("programs/burst.ron").replace("waveform: Burst", &format!("waveform: B{huge}")),
        ),
        (
            "exercise",
            exercise.replace("patient: \"crps-foot\"", &format!("patient: \"{huge}\"")),
        ),
        ("session", session.replace("TherapyOn", &format!("T{huge}"))),
        (
            "session",
            session.replace("patient: \"crps-foot\"", &format!("patient: \"{huge}\"")),
        ),
    ];
    let excerpt = |err: &str| {
        assert!(err.len() < 1000, "{} bytes of error", err.len());
        assert!(err.contains("characters)"), "{err}");
    };
    for (i, (kind, text)) in cases.iter().enumerate() {
        assert!(text.len() > 3_000_000, "{kind} {i}: the huge string is in");
        let path = dir.join(format!("{kind}-{i}.ron"));
        std::fs::write(&path, text).unwrap();
        excerpt(&fails(&["check", path.to_str().unwrap()]));
    }
    // An exercise file whose id is huge: the session it does not own says so, cut.
    let own = dir.join("huge-id.ron");
    std::fs::write(&own, &with_id).unwrap();
    let saved = dir.join("saved.ron");
    std::fs::write(&saved, &session).unwrap();
    excerpt(&fails(&[
        "score",
        "--exercise",
        own.to_str().unwrap(),
        saved.to_str().unwrap(),
    ]));
    std::fs::remove_dir_all(&dir).ok();
}

/// `-0` given for a number reads as 0: nothing prints "-0".
#[test]
fn minus_zero_reads_as_zero() {
    for args in [
        &["eval", "--lateral-mm=-0", "--amplitude-ma=-0"][..],
        &["eval", "--patient", "phantom-limb", "--distance-mm=-0"][..],
        &[
            "simulate",
            "--patient",
            "pump-cancer-morphine",
            "--reservoir-ml=-0",
            "--seconds",
            "120",
        ][..],
    ] {
        for json in [false, true] {
            let mut args = args.to_vec();
            if json {
                args.push("--json");
            }
            let out = run(&args);
            let said = String::from_utf8_lossy(&out.stdout);
            assert!(out.status.success(), "{args:?}");
            assert!(
                !said.contains("-0.0") && !said.contains(" -0 "),
                "{args:?}: {said}"
            );
        }
    }
}

/// A file of another kind given where a program, an exercise or a session is expected is
/// named as such, not refused for a version that belongs to its own kind.
#[test]
fn a_file_of_another_kind_is_named_not_refused_for_its_version() {
    let root = env!("CARGO_MANIFEST_DIR");
    let patient = format!("{root}/assets/patients/fbss.ron");
    let program = format!("{root}/assets/programs/burst.ron");
    let exercise = format!("{root}/assets/exercises/thresholds.ron");
    let session = format!("{root}/tests/golden/cli/session-thresholds.ron");
    for (args, said) in [
        (
            vec!["eval", "--program", &patient],
            "expected Program( here, not Patient(",
        ),
        (
            vec!["simulate", "--seconds", "5", "--exercise", &program],
            "expected Exercise( here, not Program(",
        ),
        (
            vec!["score", "--exercise", &patient, &session],
            "expected Exercise( here, not Patient(",
        ),
        (
            vec!["score", &exercise],
            "expected Session( here, not Exercise(",
        ),
    ] {
        let err = fails(&args);
        assert!(
            err.contains(said) && !err.contains("version"),
            "{args:?}: {err}"
        );
    }
}

/// On a terminal a long cohort shows its progress on standard error; on a pipe (every other
/// test here) it shows none. `script` (util-linux) gives the run a terminal.
#[test]
fn a_cohort_on_a_terminal_shows_its_progress() {
    let bin = env!("CARGO_BIN_EXE_scs-sim");
    let out = Command::new("script")
        .args([
            "-qec",
            &format!("{bin} cohort --patients 3000 --therapy tonic"),
            "/dev/null",
        ])
        .output()
        .expect("script (util-linux) runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("/3000 patients"), "{text}");
    assert!(text.contains("Virtual cohort"), "{text}");
}

/// `simulate` 30 s of leg-coverage (attempt seed 1) saved to `path`, with `more` flags.
fn save_leg_coverage(path: &std::path::Path, more: &[&str]) {
    let mut args = vec![
        "simulate",
        "--exercise",
        "leg-coverage",
        "--seed",
        "1",
        "--seconds",
        "30",
        "--csv",
        "--save-session",
        path.to_str().unwrap(),
    ];
    args.extend_from_slice(more);
    let out = run(&args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn trainee_names_the_saved_session_and_score_prints_name_and_date() {
    let dir = std::env::temp_dir().join(format!("scs-trainee-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let saved = dir.join("ana.ron");
    save_leg_coverage(&saved, &["--trainee", "Ana Lima"]);
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(text.contains("trainee: Some(\"Ana Lima\")"), "{text}");
    let today = scs_sim::session::record::date_of(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs(),
    );
    assert!(text.contains(&format!("date: Some(\"{today}\")")), "{text}");
    // The name and the day are sealed with the rest: check and score take the file.
    let check = run(&["check", saved.to_str().unwrap()]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let scored = String::from_utf8(run(&["score", saved.to_str().unwrap()]).stdout).unwrap();
    assert!(
        scored.contains(&format!("trainee     Ana Lima · saved {today}")),
        "{scored}"
    );
    let r = json(&["score", "--json", saved.to_str().unwrap()]);
    assert_eq!(r[0]["report"]["trainee"], "Ana Lima");
    assert_eq!(r[0]["report"]["date"], today.as_str());
    // Changing the name breaks the seal: a file cannot be handed in under another name.
    std::fs::write(&saved, text.replace("Ana Lima", "Ben Cole")).unwrap();
    let err = fails(&["score", saved.to_str().unwrap()]);
    assert!(err.contains("checksum") || err.contains("edited"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_session_without_a_name_says_so_and_a_bad_name_is_refused() {
    let dir = std::env::temp_dir().join(format!("scs-unnamed-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let saved = dir.join("x.ron");
    // A name a file cannot carry, and --trainee without a file to save, are refused.
    let long = "x".repeat(81);
    let err = fails(&[
        "simulate",
        "--seconds",
        "1",
        "--trainee",
        &long,
        "--save-session",
        saved.to_str().unwrap(),
    ]);
    assert!(
        err.contains("--trainee") && err.contains("80 characters"),
        "{err}"
    );
    let err = fails(&["simulate", "--seconds", "1", "--trainee", "Ana"]);
    assert!(err.contains("--save-session"), "{err}");
    // A session saved without a name says so.
    let unnamed = dir.join("unnamed.ron");
    save_leg_coverage(&unnamed, &[]);
    let scored = String::from_utf8(run(&["score", unnamed.to_str().unwrap()]).stdout).unwrap();
    assert!(
        scored.contains("trainee     not named · saved on a day not recorded"),
        "{scored}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// An exercise whose implant refuses the implied *therapy on* (battery-drain: the battery is
/// empty) still runs from the command line, says why therapy stays off, and doing nothing
/// there scores low.
#[test]
fn an_implant_that_refuses_therapy_on_still_runs_and_idle_scores_low() {
    let dir = std::env::temp_dir().join(format!("scs-flat-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let saved = dir.join("flat.ron");
    let out = run(&[
        "simulate",
        "--exercise",
        "battery-drain",
        "--seconds",
        "10",
        "--save-session",
        saved.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("therapy stays off: Battery depleted"), "{err}");
    let r = json(&["score", "--json", saved.to_str().unwrap()]);
    assert_eq!(r[0]["report"]["goal_met"], false);
    assert!(r[0]["report"]["score"].as_u64().unwrap() < 25, "{r}");
    std::fs::remove_dir_all(&dir).ok();
}
