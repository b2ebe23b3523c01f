//! Turns SETUP flags into a session: load the patient (or an exercise's scene), then apply
//! each flag as the clinician's Command, so the command line obeys exactly the rules the
//! GUI does. Each kind's flags are refused by an implant that does not take them.

use super::apply::apply;
use super::flags::Setup;
use crate::cli::flag;
use anyhow::{Result, anyhow};
use scs_sim::files::shorten;
use scs_sim::library;
use scs_sim::patient::anatomy::Posture;
use scs_sim::patient::profile::parse_pain;
use scs_sim::session::{Command, RemoteKey, Role, Session, WorldEvent};
use scs_sim::training::exercise::Exercise;

/// The session the flags describe, with therapy on.
pub fn build(setup: &Setup, seed: u64) -> Result<Session> {
    check_numbers(setup)?;
    let name = setup.patient.as_deref().unwrap_or(library::DEFAULT_ID);
    let (patient, implant) = library::open(name)?;
    let s = Session::hosting(patient, implant, Role::Clinician, seed);
    check_kind(setup, &s)?;
    program(setup, s)
}

/// Attempt `seed` of the exercise's start (in the clinician programmer, as the window
/// starts it), then the
/// flags as the clinician's programming, with therapy on.
pub fn build_exercise(setup: &Setup, exercise: &Exercise, seed: u64) -> Result<Session> {
    check_numbers(setup)?;
    if setup.patient.is_some() {
        return Err(anyhow!(
            "--patient cannot go with --exercise: exercise '{}' has its own patient ('{}')",
            shorten(&exercise.id),
            shorten(&exercise.patient)
        ));
    }
    let s = exercise
        .start_attempt(seed)
        .map_err(|e| anyhow!("--exercise '{}': {e}", shorten(&exercise.id)))?;
    check_kind(setup, &s)?;
    program(setup, s)
}

/// Refuses the first flag given of a group the implant does not take, with a sentence
/// saying why. A flag of another therapy (a pump's, a stimulator's) is named before a
/// flag of another lead placement (the spine's, a nerve's).
fn check_kind(setup: &Setup, s: &Session) -> Result<()> {
    let kind = s.implant().kind();
    let patient = &s.patient.id;
    let refusal = [
        setup.pump.refusal(kind, patient),
        setup.stim.refusal(kind, patient),
        setup.spine.refusal(kind, patient),
        setup.nerve.refusal(kind, patient),
    ]
    .into_iter()
    .flatten()
    .next();
    refusal.map_or(Ok(()), Err)
}

/// Refuses a stimulator's numbers that are not finite (NaN, inf), naming the flag, before
/// the patient is read (a pump's are refused as they are applied).
fn check_numbers(setup: &Setup) -> Result<()> {
    setup.stim.check_numbers()?;
    setup.spine.check_numbers()?;
    setup.nerve.check_numbers()
}

/// Every flag in the documented order: the stimulator's program, waveform, contacts,
/// burst shape, pulse width, rate, amplitude; its leads and CSF; the pump's drug, rate,
/// reservoir and bolus; posture, pain; then therapy on (an implant without a therapy
/// switch, a pump, runs its prescription by itself; one that refuses it stays off).
fn program(setup: &Setup, mut s: Session) -> Result<Session> {
    setup.stim.apply(&mut s)?;
    setup.spine.apply(&mut s)?;
    setup.nerve.apply(&mut s)?;
    setup.pump.apply(&mut s)?;
    if let Some(p) = &setup.posture {
        let p =
            Posture::parse(flag::short("--posture", p)?).map_err(|e| anyhow!("--posture: {e}"))?;
        apply(&mut s, "--posture", WorldEvent::SetPosture(p))?;
    }
    if let Some(p) = &setup.pain {
        apply(&mut s, "--pain", WorldEvent::SetPain(pain(p)?))?;
    }
    // Therapy on is implied, not asked for: when the implant refuses it (an empty battery,
    // MRI mode) the run goes on with therapy off and says why, as the remote would.
    let on = Command::from(RemoteKey::TherapyOn);
    if s.implant().therapy().foreign(&on).is_none()
        && let Err(why) = s.apply(on)
    {
        crate::cli::warn(format_args!("scs-sim: therapy stays off: {why}"));
    }
    Ok(s)
}

/// `--pain REGION=VAS,...`: each region at most once; echoes cut to a readable length.
fn pain(text: &str) -> Result<Vec<f64>> {
    let items: Vec<&str> = text
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if items.is_empty() {
        return Err(anyhow!(
            "--pain: give REGION=VAS pairs, e.g. low_back=7,thigh_left=5"
        ));
    }
    let mut seen: Vec<(&str, &str)> = Vec::new();
    let mut any_pain = false;
    for item in &items {
        let item = flag::short("--pain", item)?;
        let (region, vas) = item.split_once('=').unwrap_or((item, ""));
        let region = region.trim();
        if let Some((_, first)) = seen.iter().find(|(r, _)| *r == region) {
            return Err(anyhow!(
                "--pain: region {region} is given twice ({first} and {item}); give each region once"
            ));
        }
        seen.push((region, item));
        any_pain |= vas.trim().parse::<f64>() != Ok(0.0);
    }
    if !any_pain {
        return Err(anyhow!(
            "--pain: every region has VAS 0; the pain map needs a painful region"
        ));
    }
    Ok(parse_pain(text)
        .map_err(|e| anyhow!("--pain: {e}"))?
        .to_vec())
}
