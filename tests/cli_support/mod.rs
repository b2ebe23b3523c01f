//! Running the command line from a test: its output, and `eval --json` read.
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used, dead_code)]

/// `scs-sim ARGS`: its whole output.
pub fn cli(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_scs-sim"))
        .args(args)
        .output()
        .unwrap()
}

/// `scs-sim ARGS`, which must succeed, its standard output read as JSON.
pub fn cli_json(args: &[&str]) -> serde_json::Value {
    let out = cli(args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// `scs-sim eval --json ARGS`, which must succeed, read as JSON.
pub fn eval_json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["eval", "--json"];
    all.extend_from_slice(args);
    cli_json(&all)
}
