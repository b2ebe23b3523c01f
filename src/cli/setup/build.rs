//! Turns SETUP flags into a session: load the patient (or an exercise's scene), then apply
//! each flag as the clinician's Command, so the command line obeys exactly the rules the
//! GUI does.

use super::args::Setup;
use super::flag;
use anyhow::{Context, Result, anyhow};
use scs_sim::device::lead::{Placement, Vertebra};
use scs_sim::device::program::Waveform;
use scs_sim::device::spec::find_program_spec;
use scs_sim::files::shorten;
use scs_sim::library;
use scs_sim::patient::anatomy::Posture;
use scs_sim::patient::nerve::Nerve;
use scs_sim::patient::profile::parse_pain;
use scs_sim::session::{Command, ProgrammerEdit, RemoteKey, Role, Session, WorldEvent};
use scs_sim::training::exercise::Exercise;

/// The session the flags describe, with therapy on.
pub fn build(setup: &Setup, seed: u64) -> Result<Session> {
    check_values(setup)?;
    let name = setup.patient.as_deref().unwrap_or(library::DEFAULT_ID);
    let (patient, implant) = library::open(name)?;
    let s = Session::hosting(patient, implant, Role::Clinician, seed);
    check_kind(setup, &s)?;
    program(setup, s)
}

/// Refuses flags that belong to the other kind of implant, with a sentence saying why.
fn check_kind(setup: &Setup, s: &Session) -> Result<()> {
    super::pump::check_kind(setup, s)?;
    if s.implant().pump().is_some() {
        return Ok(());
    }
    let Some(at_nerves) = s.device().map(|d| d.at_nerves()) else {
        return Ok(());
    };
    let spinal = [
        ("--lead-level", setup.lead_level.is_some()),
        ("--lateral-mm", setup.lateral_mm.is_some()),
        ("--csf-mm", setup.csf_mm.is_some()),
    ];
    let peripheral = [
        ("--distance-mm", setup.distance_mm.is_some()),
        ("--nerve", setup.nerve.is_some()),
        ("--deploy", setup.deploy),
    ];
    let patient = &s.patient.id;
    if at_nerves && let Some((flag, _)) = spinal.iter().find(|(_, given)| *given) {
        return Err(anyhow!(
            "{flag} refused: patient '{}' has a peripheral nerve stimulator, whose leads lie at nerves, not in the spine; use --nerve and --distance-mm",
            shorten(patient)
        ));
    }
    if !at_nerves && let Some((flag, _)) = peripheral.iter().find(|(_, given)| *given) {
        return Err(anyhow!(
            "{flag} refused: patient '{}' has a spinal cord stimulator, whose leads lie in the spine, not at a nerve; use --lead-level and --lateral-mm",
            shorten(patient)
        ));
    }
    Ok(())
}

/// The exercise's start (in the clinician programmer, as the window starts it), then the
/// flags as the clinician's programming, with therapy on.
pub fn build_exercise(setup: &Setup, exercise: &Exercise) -> Result<Session> {
    check_values(setup)?;
    if setup.patient.is_some() {
        return Err(anyhow!(
            "--patient cannot go with --exercise: exercise '{}' has its own patient ('{}')",
            shorten(&exercise.id),
            shorten(&exercise.patient)
        ));
    }
    let s = exercise
        .start_session()
        .map_err(|e| anyhow!("--exercise '{}': {e}", shorten(&exercise.id)))?;
    check_kind(setup, &s)?;
    program(setup, s)
}

/// Applies one flag's command; a refusal names the flag.
fn apply(s: &mut Session, flag: &str, command: impl Into<Command>) -> Result<()> {
    s.apply(command)
        .map(|_| ())
        .with_context(|| format!("{flag} refused"))
}

/// Every flag in the documented order: program, waveform, contacts, burst shape, pulse
/// width, rate, amplitude, lead, CSF, posture, pain; then therapy on.
fn program(setup: &Setup, mut s: Session) -> Result<Session> {
    if s.implant().pump().is_some() {
        super::pump::program(setup, &mut s)?;
        if let Some(p) = &setup.posture {
            let p = Posture::parse(flag::short("--posture", p)?)
                .map_err(|e| anyhow!("--posture: {e}"))?;
            apply(&mut s, "--posture", WorldEvent::SetPosture(p))?;
        }
        if let Some(p) = &setup.pain {
            apply(&mut s, "--pain", WorldEvent::SetPain(pain(p)?))?;
        }
        return Ok(s);
    }
    if let Some(p) = &setup.program {
        let spec = find_program_spec(p)?;
        apply(
            &mut s,
            "--program",
            ProgrammerEdit::LoadProgram(Box::new(spec)),
        )?;
    }
    if let Some(w) = &setup.waveform {
        let w = Waveform::parse(flag::short("--waveform", w)?)
            .map_err(|e| anyhow!("--waveform: {e}"))?;
        apply(&mut s, "--waveform", ProgrammerEdit::SetWaveform(w))?;
    }
    if let Some(code) = &setup.contacts {
        let code = flag::short("--contacts", code)?.to_string();
        let case_anode = setup.case_anode;
        apply(
            &mut s,
            "--contacts",
            ProgrammerEdit::SetContacts { code, case_anode },
        )?;
    } else if setup.case_anode {
        return Err(anyhow!("--case-anode goes with --contacts"));
    }
    burst(setup, &mut s)?;
    if let Some(v) = setup.pulse_width_us {
        apply(&mut s, "--pulse-width-us", ProgrammerEdit::SetPulseWidth(v))?;
    }
    if let Some(v) = setup.rate_hz {
        apply(&mut s, "--rate-hz", ProgrammerEdit::SetRate(v))?;
    }
    if let Some(v) = setup.amplitude_ma {
        apply(&mut s, "--amplitude-ma", ProgrammerEdit::SetAmplitude(v))?;
    }
    for (flag, command) in placement_commands(setup, &s)? {
        apply(&mut s, flag, command)?;
    }
    if let Some((flag, command)) = nerve_command(setup, &s)? {
        apply(&mut s, flag, command)?;
    }
    if setup.deploy {
        deploy_waiting(&mut s)?;
    }
    if let Some(v) = setup.csf_mm {
        apply(&mut s, "--csf-mm", WorldEvent::SetCsf(Some(v)))?;
    }
    if let Some(p) = &setup.posture {
        let p =
            Posture::parse(flag::short("--posture", p)?).map_err(|e| anyhow!("--posture: {e}"))?;
        apply(&mut s, "--posture", WorldEvent::SetPosture(p))?;
    }
    if let Some(p) = &setup.pain {
        apply(&mut s, "--pain", WorldEvent::SetPain(pain(p)?))?;
    }
    apply(&mut s, "therapy", RemoteKey::TherapyOn)?;
    Ok(s)
}

/// `--deploy`: every lead still in its introducer is deployed.
fn deploy_waiting(s: &mut Session) -> Result<()> {
    let waiting: Vec<usize> = s
        .device()
        .into_iter()
        .flat_map(|d| d.nerve_leads.iter().enumerate())
        .filter(|(_, l)| !l.deployed)
        .map(|(i, _)| i)
        .collect();
    if waiting.is_empty() {
        return Err(anyhow!(
            "--deploy refused: no lead is waiting in its introducer (every lead is deployed)"
        ));
    }
    for lead in waiting {
        apply(s, "--deploy", ProgrammerEdit::DeployLead(lead))?;
    }
    Ok(())
}

/// `--burst-pulses` / `--burst-rate-hz`: only for a burst waveform.
fn burst(setup: &Setup, s: &mut Session) -> Result<()> {
    let flag = match (setup.burst_pulses, setup.burst_rate_hz) {
        (None, None) => return Ok(()),
        (Some(_), None) => "--burst-pulses",
        (None, Some(_)) => "--burst-rate-hz",
        (Some(_), Some(_)) => "--burst-pulses/--burst-rate-hz",
    };
    let Some(now) = s.device().map(|d| d.program().settings) else {
        return Ok(());
    };
    if now.waveform != Waveform::Burst {
        return Err(anyhow!(
            "{flag} refused: it shapes the bursts of a burst waveform, and the waveform is {}; add --waveform burst",
            now.waveform.name()
        ));
    }
    let pulses = setup.burst_pulses.unwrap_or(now.burst_pulses);
    let rate_hz = setup.burst_rate_hz.unwrap_or(now.burst_rate_hz);
    apply(s, flag, ProgrammerEdit::SetBurst { pulses, rate_hz })
}

/// Refuses numbers that are not finite (NaN, inf) for every number flag, naming the flag.
fn check_values(setup: &Setup) -> Result<()> {
    let floats = [
        ("--amplitude-ma", setup.amplitude_ma),
        ("--pulse-width-us", setup.pulse_width_us),
        ("--rate-hz", setup.rate_hz),
        ("--burst-rate-hz", setup.burst_rate_hz),
        ("--lateral-mm", setup.lateral_mm),
        ("--csf-mm", setup.csf_mm),
        ("--distance-mm", setup.distance_mm),
    ];
    for (flag, value) in floats {
        if let Some(v) = value
            && !v.is_finite()
        {
            return Err(anyhow!(
                "{flag} refused: {v} is not a number; give a finite value"
            ));
        }
    }
    Ok(())
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

fn placement_commands(setup: &Setup, s: &Session) -> Result<Vec<(&'static str, Command)>> {
    let mut out = Vec::new();
    if setup.lead_level.is_none() && setup.lateral_mm.is_none() {
        return Ok(out);
    }
    let level = match &setup.lead_level {
        Some(l) => Some(
            Vertebra::parse(flag::short("--lead-level", l)?)
                .map_err(|e| anyhow!("--lead-level: {e}"))?,
        ),
        None => None,
    };
    for (lead, now) in s
        .device()
        .into_iter()
        .flat_map(|d| d.placements.iter().enumerate())
    {
        let mut placement = Placement {
            level: level.unwrap_or(now.level),
            ..*now
        };
        if lead == 0
            && let Some(x) = setup.lateral_mm
        {
            placement.lateral_mm = x;
        }
        // In an exercise the rules refuse any placement, even an unchanged one.
        if placement != *now || s.exercise.is_some() {
            let flag = match (setup.lead_level.is_some(), setup.lateral_mm.is_some()) {
                (true, false) => "--lead-level",
                (false, true) => "--lateral-mm",
                _ => "--lead-level/--lateral-mm",
            };
            out.push((flag, WorldEvent::PlaceLead { lead, placement }.into()));
        }
    }
    Ok(out)
}

/// `--nerve` / `--distance-mm`: lead 1 at another nerve or distance (as ultrasound would
/// place it), keeping its side, depth and position along the nerve.
fn nerve_command(setup: &Setup, s: &Session) -> Result<Option<(&'static str, Command)>> {
    if setup.nerve.is_none() && setup.distance_mm.is_none() {
        return Ok(None);
    }
    let Some(lead) = s.device().and_then(|d| d.nerve_leads.first()) else {
        return Ok(None);
    };
    let mut site = lead.site;
    if let Some(n) = &setup.nerve {
        site.nerve =
            Nerve::parse(flag::short("--nerve", n)?).map_err(|e| anyhow!("--nerve: {e}"))?;
    }
    if let Some(d) = setup.distance_mm {
        site.distance_mm = d;
    }
    let flag = match (setup.nerve.is_some(), setup.distance_mm.is_some()) {
        (true, false) => "--nerve",
        (false, true) => "--distance-mm",
        _ => "--nerve/--distance-mm",
    };
    // A lead still in its introducer is moved by the clinician under ultrasound; a
    // deployed one only by the scene (a placement or migration).
    if !lead.deployed && setup.nerve.is_none() {
        let edit = ProgrammerEdit::MoveIntroducer {
            lead: 0,
            distance_mm: site.distance_mm,
        };
        return Ok(Some((flag, edit.into())));
    }
    let event = WorldEvent::PlaceNerveLead {
        lead: 0,
        site,
        deployed: lead.deployed,
    };
    Ok(Some((flag, event.into())))
}
