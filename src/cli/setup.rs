//! Turns SETUP flags into a session: load the patient, then apply each flag as the
//! clinician's Command, so the command line obeys exactly the rules the GUI does.

use super::args::Setup;
use anyhow::{Context, Result, anyhow};
use scs_sim::device::lead::{Placement, Vertebra};
use scs_sim::device::program::Waveform;
use scs_sim::device::spec::find_program_spec;
use scs_sim::library;
use scs_sim::patient::anatomy::Posture;
use scs_sim::patient::profile::parse_pain;
use scs_sim::session::{Command, ProgrammerEdit, RemoteKey, Role, Session, WorldEvent};

/// The session the flags describe, with therapy on.
pub fn build(setup: &Setup, seed: u64) -> Result<Session> {
    let name = setup.patient.as_deref().unwrap_or(library::DEFAULT_ID);
    let (patient, device) = library::find(name)?;
    let mut s = Session::new(patient, device, Role::Clinician, seed);
    let mut commands: Vec<(&str, Command)> = Vec::new();
    if let Some(p) = &setup.program {
        commands.push((
            "--program",
            ProgrammerEdit::LoadProgram(Box::new(find_program_spec(p)?)).into(),
        ));
    }
    if let Some(w) = &setup.waveform {
        commands.push((
            "--waveform",
            ProgrammerEdit::SetWaveform(
                Waveform::parse(w).map_err(|e| anyhow!("--waveform: {e}"))?,
            )
            .into(),
        ));
    }
    if let Some(code) = &setup.contacts {
        commands.push((
            "--contacts",
            ProgrammerEdit::SetContacts {
                code: code.clone(),
                case_anode: setup.case_anode,
            }
            .into(),
        ));
    } else if setup.case_anode {
        return Err(anyhow!("--case-anode goes with --contacts"));
    }
    if setup.burst_pulses.is_some() || setup.burst_rate_hz.is_some() {
        let now = s.device().program().settings;
        let pulses = setup.burst_pulses.unwrap_or(now.burst_pulses);
        let rate_hz = setup.burst_rate_hz.unwrap_or(now.burst_rate_hz);
        commands.push((
            "--burst-pulses/--burst-rate-hz",
            ProgrammerEdit::SetBurst { pulses, rate_hz }.into(),
        ));
    }
    if let Some(v) = setup.pulse_width_us {
        commands.push(("--pulse-width-us", ProgrammerEdit::SetPulseWidth(v).into()));
    }
    if let Some(v) = setup.rate_hz {
        commands.push(("--rate-hz", ProgrammerEdit::SetRate(v).into()));
    }
    if let Some(v) = setup.amplitude_ma {
        commands.push(("--amplitude-ma", ProgrammerEdit::SetAmplitude(v).into()));
    }
    for (flag, command) in placement_commands(setup, &s)? {
        commands.push((flag, command));
    }
    if let Some(v) = setup.csf_mm {
        commands.push(("--csf-mm", WorldEvent::SetCsf(Some(v)).into()));
    }
    if let Some(p) = &setup.posture {
        commands.push((
            "--posture",
            WorldEvent::SetPosture(Posture::parse(p).map_err(|e| anyhow!("--posture: {e}"))?)
                .into(),
        ));
    }
    if let Some(p) = &setup.pain {
        commands.push((
            "--pain",
            WorldEvent::SetPain(parse_pain(p).map_err(|e| anyhow!("--pain: {e}"))?.to_vec()).into(),
        ));
    }
    commands.push(("therapy", RemoteKey::TherapyOn.into()));
    for (flag, command) in commands {
        s.apply(command)
            .with_context(|| format!("{flag} refused"))?;
    }
    Ok(s)
}

fn placement_commands(setup: &Setup, s: &Session) -> Result<Vec<(&'static str, Command)>> {
    let mut out = Vec::new();
    let level = match &setup.lead_level {
        Some(l) => Some(Vertebra::parse(l).map_err(|e| anyhow!("--lead-level: {e}"))?),
        None => None,
    };
    for (lead, now) in s.device().placements.iter().enumerate() {
        let mut placement = Placement {
            level: level.unwrap_or(now.level),
            ..*now
        };
        if lead == 0
            && let Some(x) = setup.lateral_mm
        {
            placement.lateral_mm = x;
        }
        if placement != *now {
            out.push((
                "--lead-level/--lateral-mm",
                WorldEvent::PlaceLead { lead, placement }.into(),
            ));
        }
    }
    Ok(out)
}
