//! `simulate`: the session row by row through one loop for every kind of implant, the
//! happenings set off at their times, then the summary; the session saved if asked.

use super::closed_loop;
use super::pump::PumpSeries;
use super::series::{Happening, Series, plan, row_now};
use super::start::{check_run, start};
use super::stim::StimSeries;
use crate::cli::args::Simulate;
use crate::cli::out::{Format, Out, RunOut};
use anyhow::{Result, anyhow};
use scs_sim::files::{self, shorten_path};
use scs_sim::implant::report::Row;
use scs_sim::session::{Session, record};
use std::path::Path;

/// Runs `simulate` and prints its series and summary.
pub fn simulate(a: &Simulate, out: &mut Out) -> Result<()> {
    check_run(a)?;
    let events = closed_loop::events(a)?;
    let (mut session, patient) = start(a)?;
    closed_loop::start(a, &mut session)?;
    if a.save_session.is_some() && !files::is_plain_id(&patient) {
        return Err(anyhow!(
            "--save-session: session files name built-in patients (or practice:SEED), and '{}' is a patient file; give a built-in --patient",
            shorten_path(Path::new(&patient))
        ));
    }
    // A target that cannot be saved to is refused before the run, not after it.
    if let Some(path) = &a.save_session {
        files::check_save_target(path)?;
    }
    if let Some(name) = &a.trainee {
        check_trainee(name)?;
    }
    let format = if a.json {
        Format::Json
    } else if a.csv {
        Format::Csv
    } else {
        Format::Text
    };
    let steps = (a.seconds / a.interval_s).round() as u64;
    let mut run = RunOut::new(out, a.save_session.is_some());
    // Each shape of the implant's rows has its series (the one place telling them apart).
    let session = match row_now(&session) {
        Row::Stimulator(_) => {
            let series = StimSeries::new(a, &session, format, steps + 1)?;
            run_series(a, session, series, &events, steps, &mut run)?
        }
        Row::Pump(_) => {
            let series = PumpSeries::new(a, format, steps)?;
            run_series(a, session, series, &events, steps, &mut run)?
        }
    };
    if let Some(path) = &a.save_session {
        let today = record::date_of(unix_now_s());
        let rec = record::Recording::of(&session, &patient).whose(
            a.trainee.as_deref(),
            a.trainee.as_ref().map(|_| today.as_str()),
        );
        record::save_recording(path, &rec)?;
    }
    Ok(run.finish()?)
}

/// Refuses a `--trainee` name a session file could not carry, before the run.
fn check_trainee(name: &str) -> Result<()> {
    let name = name.trim();
    if name.is_empty()
        || name.chars().count() > record::MAX_TRAINEE_CHARS
        || name.chars().any(char::is_control)
    {
        return Err(anyhow!(
            "--trainee '{}': a name is 1 to {} characters on one line",
            scs_sim::files::shorten(name),
            record::MAX_TRAINEE_CHARS
        ));
    }
    Ok(())
}

/// Wall time now, seconds since 1970 (the command line is the edge that reads it).
fn unix_now_s() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The loop: for each of `steps + 1` rows, the happenings (`events` and the flags') due
/// before it, then the row;
/// then the summary. With a session to save, a reader that goes away does not stop the
/// run (see [`RunOut`]).
fn run_series<S: Series>(
    a: &Simulate,
    mut s: Session,
    mut series: S,
    events: &[(f64, Happening)],
    steps: u64,
    run: &mut RunOut,
) -> Result<Session> {
    let mut plan = plan(a, events).into_iter().peekable();
    run.write(|out| series.begin(out))?;
    for i in 0..=steps {
        let t_row = i as f64 * a.interval_s;
        while let Some((t, what)) = plan.next_if(|(t, _)| S::before(*t, t_row)) {
            s.step(t - s.t_s);
            series.happen(&mut s, t, what)?;
        }
        s.step(t_row - s.t_s);
        let Some(row) = S::own(row_now(&s)) else {
            break;
        };
        run.write(|out| series.row(&row, out))?;
    }
    run.write(|out| series.end(&s, out))?;
    Ok(s)
}
