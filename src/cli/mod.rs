//! The `scs-sim` command line: eval, simulate, check, score, list, cohort.

pub mod args;
mod cohort;
mod flag;
pub mod out;
mod output;
mod pump;
mod setup;

use anyhow::{Result, anyhow};
use args::{Cmd, ListWhat, Setup, Simulate};
use out::{Format, Out, RunOut};
use output::{SeriesWriter, Summary, Tally};
use scs_sim::device::spec::parse_program;
use scs_sim::files::{self, FileError, shorten, shorten_path};
use scs_sim::implant::stim::report::SeriesRow;
use scs_sim::library;
use scs_sim::session::{RemoteKey, Session, record};
use scs_sim::training::exercise::{self, Exercise, parse_exercise};
use scs_sim::training::score::ScoreReport;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Longest simulation accepted, s (a week).
const MAX_SECONDS: f64 = 7.0 * 86_400.0;

/// Runs a subcommand; the error is the one sentence to print (or a [`WriteFailed`]).
pub fn run(command: Cmd) -> Result<()> {
    let mut out = Out::stdout();
    match command {
        Cmd::Eval { setup, json } => eval(&setup, json, &mut out),
        Cmd::Simulate(args) => simulate(&args, &mut out),
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
    }?;
    Ok(out.flush()?)
}

/// A line on standard error; if even that cannot be written there is no one to tell.
fn warn(line: impl std::fmt::Display) {
    let _ = writeln!(std::io::stderr(), "{line}");
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

/// Checks the run's own numbers, naming the flag.
fn check_run(a: &Simulate) -> Result<()> {
    let (seconds, interval_s) = (a.seconds, a.interval_s);
    // A drug pump's work spans weeks: its patients may run for a year.
    let patient = match &a.exercise {
        Some(e) => exercise::find(e).ok().map(|e| e.patient),
        None => Some(
            a.setup
                .patient
                .clone()
                .unwrap_or(library::DEFAULT_ID.into()),
        ),
    };
    let pump = patient.and_then(|p| library::implant_kind(&p))
        == Some(scs_sim::implant::ImplantKind::Pump);
    let (max, words) = if pump {
        (pump::MAX_PUMP_SECONDS, "366 days, for a drug pump")
    } else {
        (MAX_SECONDS, "a week")
    };
    if !seconds.is_finite() || seconds <= 0.0 || seconds > max {
        return Err(anyhow!(
            "--seconds {seconds} must be more than 0 and at most {max} ({words})"
        ));
    }
    if !interval_s.is_finite() || interval_s < 0.01 || interval_s > seconds {
        return Err(anyhow!(
            "--interval-s {interval_s} must be from 0.01 to --seconds ({seconds})"
        ));
    }
    if let Some(t) = a.stop_at
        && (!t.is_finite() || t < 0.0)
    {
        return Err(anyhow!(
            "--stop-at {t} must be a time in seconds, 0 or more"
        ));
    }
    Ok(())
}

/// The session `simulate` runs, and the patient name its saved file would record.
fn start(a: &Simulate) -> Result<(Session, String)> {
    let Some(name) = &a.exercise else {
        let patient = a.setup.patient.as_deref().unwrap_or(library::DEFAULT_ID);
        let session = setup::build(&a.setup, a.seed.unwrap_or(1))?;
        return Ok((session, patient.to_string()));
    };
    let exercise = exercise::find(name).map_err(|e| anyhow!("--exercise: {e}"))?;
    if let Some(seed) = a.seed {
        return Err(anyhow!(
            "--seed {seed} cannot go with --exercise: exercise '{}' has its own seed ({})",
            shorten(&exercise.id),
            exercise.seed
        ));
    }
    if a.save_session.is_some() && !files::is_plain_id(&exercise.id) {
        return Err(anyhow!(
            "--save-session: exercise id '{}' is not a plain id (letters, digits, - and _), so a session of it could not be read back",
            shorten(&exercise.id)
        ));
    }
    let session = setup::build_exercise(&a.setup, &exercise)?;
    Ok((session, exercise.patient))
}

fn simulate(a: &Simulate, out: &mut Out) -> Result<()> {
    check_run(a)?;
    let (session, patient) = start(a)?;
    if a.save_session.is_some() && !files::is_plain_id(&patient) {
        return Err(anyhow!(
            "--save-session: session files name built-in patients (or practice:SEED), and '{}' is a patient file; give a built-in --patient",
            shorten_path(Path::new(&patient))
        ));
    }
    let format = if a.json {
        Format::Json
    } else if a.csv {
        Format::Csv
    } else {
        Format::Text
    };
    pump::check_run_kind(a, &session)?;
    let mut run = RunOut::new(out, a.save_session.is_some());
    let session = if session.implant().pump().is_some() {
        pump::simulate(a, session, format, &mut run)?
    } else {
        simulate_stimulator(a, session, format, &mut run)?
    };
    if let Some(path) = &a.save_session {
        record::save(path, &session, &patient)?;
    }
    Ok(run.finish()?)
}

/// `simulate` for a stimulator: the series row by row, then the summary.
fn simulate_stimulator(
    a: &Simulate,
    mut session: Session,
    format: Format,
    run: &mut RunOut,
) -> Result<Session> {
    let steps = (a.seconds / a.interval_s).round() as u64;
    let mut series = SeriesWriter::new(format, steps + 1);
    run.write(|out| series.begin(out))?;
    let mut tally = Tally::default();
    let mut stopped = false;
    for i in 0..=steps {
        if i > 0 {
            let t_next = i as f64 * a.interval_s;
            if let Some(stop) = a.stop_at
                && !stopped
                && stop < t_next
            {
                session.step(stop - session.t_s);
                session.apply(RemoteKey::TherapyOff)?;
                stopped = true;
            }
            session.step(t_next - session.t_s);
        }
        let row = SeriesRow::of(&session.view());
        tally.add(&row);
        run.write(|out| series.row(&row, out))?;
    }
    let summary = Summary::of(&session, &tally, a.stop_at);
    run.write(|out| series.end(&summary, out))?;
    Ok(session)
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
            r.replay()
                .map_err(|e| FileError::whole(path, e.to_string()))?;
            Ok(format!(
                "session of patient '{}', {} commands over {} s, replayed with every outcome as recorded",
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

fn score(paths: &[PathBuf], exercise: Option<&Path>, json: bool, out: &mut Out) -> Result<()> {
    let exercise = exercise.map(exercise_file).transpose()?;
    let mut reports = Vec::new();
    let mut failed = 0;
    for path in paths {
        match score_one(path, exercise.as_ref()) {
            Ok(r) => {
                let file = shorten_path(path);
                if !json {
                    out.text(&output::score_text(&file, &r))?;
                }
                reports.push(serde_json::json!({"file": path.display().to_string(), "report": r}));
            }
            Err(e) => {
                failed += 1;
                out.flush()?;
                warn(format_args!("error {e:#}"));
            }
        }
    }
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
