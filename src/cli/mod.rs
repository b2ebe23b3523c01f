//! The `scs-sim` command line: eval, simulate, check, score, list, cohort, serve.

pub mod args;
mod cohort;
mod flag;
pub mod out;
mod output;
mod progress;
#[cfg(feature = "server")]
mod serve;
mod setup;
mod simulate;

use anyhow::{Result, anyhow};
use args::{Cmd, ListWhat, Setup};
use out::Out;
use scs_sim::device::spec::parse_program;
use scs_sim::files::{self, FileError, shorten, shorten_path};
use scs_sim::library;
use scs_sim::session::record::{self, Integrity};
use scs_sim::training::exercise::{self, Exercise, parse_exercise};
use scs_sim::training::score::ScoreReport;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Runs a subcommand; the error is the one sentence to print (or a [`WriteFailed`]).
pub fn run(command: Cmd) -> Result<()> {
    let mut out = Out::stdout();
    match command {
        Cmd::Eval { setup, json } => eval(&setup, json, &mut out),
        Cmd::Simulate(args) => simulate::simulate(&args, &mut out),
        Cmd::Check { files } => check(&files, &mut out),
        Cmd::Score {
            files,
            exercise,
            json,
        } => score(&files, exercise.as_deref(), json, &mut out),
        Cmd::List { what, json } => list(what, json, &mut out),
        Cmd::Cohort {
            patients,
            seed,
            therapy,
            json,
        } => cohort::cohort(patients, seed, therapy, json, &mut out),
        #[cfg(feature = "server")]
        Cmd::Serve(args) => serve::serve(&args, &mut out),
    }?;
    Ok(out.flush()?)
}

/// A line on standard error, every long quoted echo of input cut to an excerpt and every
/// huge number written short ([`files::readable`]); if even
/// that cannot be written there is no one to tell.
pub(crate) fn warn(line: impl std::fmt::Display) {
    let _ = writeln!(std::io::stderr(), "{}", files::readable(&line.to_string()));
}

fn eval(setup: &Setup, json: bool, out: &mut Out) -> Result<()> {
    let report = setup::build(setup, 1)?.report();
    if json {
        out.line(serde_json::to_string_pretty(&report)?)?;
    } else {
        out.text(&report.text())?;
    }
    Ok(())
}

/// Checks one file: the kind comes from its first word (`Program(`, `Patient(`).
fn check_one(path: &Path) -> Result<String, FileError> {
    let text = files::read_text(path)?;
    match files::leading_name(&text) {
        Some("Program") => {
            parse_program(path, &text).map(|p| format!("program '{}'", shorten(&p.name)))
        }
        Some("Patient") => library::pump::parse(path, &text).map(|(p, i)| {
            format!(
                "patient '{}' ({}), {}",
                shorten(&p.id),
                shorten(&p.diagnosis),
                i.therapy().described()
            )
        }),
        Some("Exercise") => parse_exercise(path, &text).map(|e| {
            format!(
                "exercise '{}' on patient '{}'",
                shorten(&e.id),
                shorten(&e.patient)
            )
        }),
        Some("Session") => {
            let r = record::parse(path, &text)?;
            unbroken_seal(path, &r)?;
            r.replay()
                .map_err(|e| FileError::whole(path, e.to_string()))?;
            Ok(format!(
                "session of patient '{}', {} commands over {} s, checksum matches, replayed with every outcome as recorded",
                shorten(&r.patient),
                r.log.len(),
                r.t_s
            ))
        }
        Some(other) => Err(FileError::whole(
            path,
            format!(
                "'{}(' is not a file kind scs-sim reads (expected Program(, Patient(, Exercise( or Session()",
                shorten(other)
            ),
        )),
        None => Err(FileError::whole(
            path,
            "expected a RON file starting with Program(, Patient(, Exercise( or Session(",
        )),
    }
}

/// Refuses a session file whose checksum is missing or does not match its content (what
/// the checksum can prove, and what it cannot: README, "Security and integrity").
fn unbroken_seal(path: &Path, r: &record::Recording) -> Result<(), FileError> {
    let problem = match r.integrity() {
        Integrity::Intact => return Ok(()),
        Integrity::Unsigned => {
            "this session has no checksum, so nothing shows it is as scs-sim saved it (written by hand or by a script, or its checksum removed)"
        }
        Integrity::Edited => {
            "this session's checksum does not match its content: the file was damaged or edited after scs-sim saved it"
        }
    };
    Err(FileError::whole(path, problem))
}

fn check(paths: &[PathBuf], out: &mut Out) -> Result<()> {
    let mut failed = 0;
    for path in paths {
        match check_one(path) {
            Ok(what) => out.line(format_args!("ok    {}: {what}", shorten_path(path)))?,
            Err(e) => {
                failed += 1;
                // Keep the order of the lines when both go to one terminal.
                out.flush()?;
                warn(format_args!("error {e}"));
            }
        }
    }
    if failed > 0 {
        return Err(anyhow!("{failed} of {} file(s) have problems", paths.len()));
    }
    Ok(())
}

/// The built-in exercise a session names; a session never chooses a file.
fn built_in_exercise(path: &Path, id: &str) -> Result<Exercise> {
    if !exercise::BUILT_IN.iter().any(|(i, _)| *i == id) {
        return Err(anyhow!(
            "{}: this session names exercise '{}', which is not built in; a teacher can name its file with --exercise FILE",
            shorten_path(path),
            shorten(id)
        ));
    }
    Ok(exercise::find(id)?)
}

/// Grades one session file against `exercise`, or else the built-in exercise it names.
fn score_one(path: &Path, exercise: Option<&Exercise>) -> Result<ScoreReport> {
    let recording = record::read(path)?;
    let id = recording.exercise.clone().ok_or_else(|| {
        anyhow!(
            "{}: this session is not an exercise (it names none)",
            shorten_path(path)
        )
    })?;
    let named;
    let exercise = match exercise {
        Some(e) => e,
        None => {
            named = built_in_exercise(path, &id)?;
            &named
        }
    };
    scs_sim::training::score::score(exercise, &recording)
        .map_err(|e| anyhow!("{}: {e}", shorten_path(path)))
}

/// The exercise file a teacher names with `score --exercise FILE`.
fn exercise_file(path: &Path) -> Result<Exercise> {
    let text = files::read_text(path)?;
    Ok(parse_exercise(path, &text)?)
}

/// The session files `paths` name: a file as given, a folder's `.ron` files in name order.
fn session_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let mut found: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| anyhow!("{}: cannot read this folder: {e}", shorten_path(path)))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "ron"))
            .collect();
        if found.is_empty() {
            return Err(anyhow!(
                "{}: this folder holds no session files (.ron)",
                shorten_path(path)
            ));
        }
        found.sort();
        files.append(&mut found);
    }
    Ok(files)
}

fn score(paths: &[PathBuf], exercise: Option<&Path>, json: bool, out: &mut Out) -> Result<()> {
    let exercise = exercise.map(exercise_file).transpose()?;
    let paths = session_files(paths)?;
    let progress = progress::Progress::new(paths.len(), "sessions graded");
    let mut reports = Vec::new();
    let mut failed = 0;
    for path in &paths {
        let graded = score_one(path, exercise.as_ref());
        progress.step();
        match graded {
            Ok(r) => {
                let file = shorten_path(path);
                if !json {
                    progress.suspend(|| out.text(&output::score_text(&file, &r)))?;
                }
                reports.push(serde_json::json!({"file": path.display().to_string(), "report": r}));
            }
            Err(e) => {
                failed += 1;
                progress.suspend(|| {
                    out.flush()?;
                    warn(format_args!("error {e:#}"));
                    Ok::<(), out::WriteFailed>(())
                })?;
            }
        }
    }
    progress.finish();
    if json {
        out.line(serde_json::to_string_pretty(&reports)?)?;
    }
    if failed > 0 {
        return Err(anyhow!(
            "{failed} of {} session file(s) could not be graded",
            paths.len()
        ));
    }
    Ok(())
}

fn list(what: ListWhat, json: bool, out: &mut Out) -> Result<()> {
    let rows = match what {
        ListWhat::Patients => output::list_patients(),
        ListWhat::Programs => output::list_programs(),
        ListWhat::Exercises => output::list_exercises(),
    };
    if json {
        let items: Vec<&serde_json::Value> = rows.iter().map(|(_, v)| v).collect();
        out.line(serde_json::to_string_pretty(&items)?)?;
    } else {
        for (line, _) in &rows {
            out.line(line)?;
        }
    }
    Ok(())
}
