//! The `scs-sim` command line: eval, simulate, check, list.

pub mod args;
mod output;
mod setup;

use anyhow::{Result, anyhow};
use args::{Cmd, ListWhat, Setup};
use scs_sim::device::spec::parse_program;
use scs_sim::files::{self, FileError};
use scs_sim::library::spec::parse_patient;
use scs_sim::report::{EvalReport, SeriesRow};
use scs_sim::session::{RemoteKey, record};
use scs_sim::training::exercise::{self, parse_exercise};
use scs_sim::training::score::ScoreReport;
use std::path::Path;

/// Longest simulation accepted, s (a week).
const MAX_SECONDS: f64 = 7.0 * 86_400.0;

/// Runs a subcommand; the error is the one sentence to print.
pub fn run(command: Cmd) -> Result<()> {
    match command {
        Cmd::Eval { setup, json } => eval(&setup, json),
        Cmd::Simulate {
            setup,
            seconds,
            seed,
            stop_at,
            interval_s,
            csv,
            json,
        } => simulate(
            &setup,
            seconds,
            seed,
            stop_at,
            interval_s,
            if json {
                "json"
            } else if csv {
                "csv"
            } else {
                "text"
            },
        ),
        Cmd::Check { files } => check(&files),
        Cmd::Score { files, json } => score(&files, json),
        Cmd::List { what, json } => list(what, json),
    }
}

fn eval(setup: &Setup, json: bool) -> Result<()> {
    let session = setup::build(setup, 1)?;
    let report = EvalReport::steady(&session);
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print!("{}", output::eval_text(&report));
    }
    Ok(())
}

fn simulate(
    setup: &Setup,
    seconds: f64,
    seed: u64,
    stop_at: Option<f64>,
    interval_s: f64,
    format: &str,
) -> Result<()> {
    if !seconds.is_finite() || seconds <= 0.0 || seconds > MAX_SECONDS {
        return Err(anyhow!(
            "--seconds {seconds} must be more than 0 and at most {MAX_SECONDS} (a week)"
        ));
    }
    if !interval_s.is_finite() || interval_s < 0.01 || interval_s > seconds {
        return Err(anyhow!(
            "--interval-s {interval_s} must be from 0.01 to --seconds ({seconds})"
        ));
    }
    if let Some(t) = stop_at
        && (!t.is_finite() || t < 0.0)
    {
        return Err(anyhow!(
            "--stop-at {t} must be a time in seconds, 0 or more"
        ));
    }
    let mut session = setup::build(setup, seed)?;
    let mut rows = vec![SeriesRow::now(&session)];
    let steps = (seconds / interval_s).round() as u64;
    let mut stopped = false;
    for i in 1..=steps {
        let t_next = i as f64 * interval_s;
        if let Some(stop) = stop_at
            && !stopped
            && stop < t_next
        {
            session.step(stop - session.t_s);
            session.apply(RemoteKey::TherapyOff)?;
            stopped = true;
        }
        session.step(t_next - session.t_s);
        rows.push(SeriesRow::now(&session));
    }
    let summary = output::Summary::of(&session, &rows, stop_at);
    match format {
        "json" => println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({"summary": summary, "series": rows}))?
        ),
        "csv" => print!("{}", output::csv(&rows)),
        _ => print!("{}", output::simulate_text(&summary, &rows)),
    }
    Ok(())
}

/// Checks one file: the kind comes from its first word (`Program(`, `Patient(`).
fn check_one(path: &Path) -> Result<String, FileError> {
    let text = files::read_text(path)?;
    match files::leading_name(&text) {
        Some("Program") => parse_program(path, &text).map(|p| format!("program '{}'", p.name)),
        Some("Patient") => parse_patient(path, &text).map(|(p, d)| {
            format!(
                "patient '{}' ({}), {} program(s)",
                p.id,
                p.diagnosis,
                d.programs.len()
            )
        }),
        Some("Exercise") => parse_exercise(path, &text)
            .map(|e| format!("exercise '{}' on patient '{}'", e.id, e.patient)),
        Some("Session") => {
            let r = record::parse(path, &text)?;
            r.replay()
                .map_err(|e| FileError::whole(path, e.to_string()))?;
            Ok(format!(
                "session of patient '{}', {} commands over {} s, replayed with every outcome as recorded",
                r.patient,
                r.log.len(),
                r.t_s
            ))
        }
        Some(other) => Err(FileError::whole(
            path,
            format!(
                "'{other}(' is not a file kind scs-sim reads (expected Program(, Patient(, Exercise( or Session()"
            ),
        )),
        None => Err(FileError::whole(
            path,
            "expected a RON file starting with Program(, Patient(, Exercise( or Session(",
        )),
    }
}

fn check(paths: &[std::path::PathBuf]) -> Result<()> {
    let mut failed = 0;
    for path in paths {
        match check_one(path) {
            Ok(what) => println!("ok    {}: {what}", path.display()),
            Err(e) => {
                failed += 1;
                eprintln!("error {e}");
            }
        }
    }
    if failed > 0 {
        return Err(anyhow!("{failed} of {} file(s) have problems", paths.len()));
    }
    Ok(())
}

/// Grades one session file against the exercise it names.
fn score_one(path: &Path) -> Result<ScoreReport> {
    let recording = record::read(path)?;
    let id = recording.exercise.clone().ok_or_else(|| {
        anyhow!(
            "{}: this session is not an exercise (it names none)",
            path.display()
        )
    })?;
    let exercise = exercise::find(&id)?;
    scs_sim::training::score::score(&exercise, &recording)
        .map_err(|e| anyhow!("{}: {e}", path.display()))
}

fn score(paths: &[std::path::PathBuf], json: bool) -> Result<()> {
    let mut reports = Vec::new();
    let mut failed = 0;
    for path in paths {
        match score_one(path) {
            Ok(r) => {
                if !json {
                    print!("{}", output::score_text(&path.display().to_string(), &r));
                }
                reports.push(serde_json::json!({"file": path.display().to_string(), "report": r}));
            }
            Err(e) => {
                failed += 1;
                eprintln!("error {e:#}");
            }
        }
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&reports)?);
    }
    if failed > 0 {
        return Err(anyhow!(
            "{failed} of {} session file(s) could not be graded",
            paths.len()
        ));
    }
    Ok(())
}

fn list(what: ListWhat, json: bool) -> Result<()> {
    let rows = match what {
        ListWhat::Patients => output::list_patients(),
        ListWhat::Programs => output::list_programs(),
        ListWhat::Exercises => output::list_exercises(),
    };
    if json {
        let items: Vec<&serde_json::Value> = rows.iter().map(|(_, v)| v).collect();
        println!("{}", serde_json::to_string_pretty(&items)?);
    } else {
        for (line, _) in &rows {
            println!("{line}");
        }
    }
    Ok(())
}
