//! Program management on the clinician programmer: load from a file, new, copy, rename,
//! delete. The implant keeps between one and four programs.

use super::ctx::{Ctx, setting};
use crate::device::program::{
    MAX_NAME_CHARS, MAX_PROGRAMS, Notes, PatientWindow, Program, Waveform,
};
use crate::device::spec::ProgramSpec;
use crate::implant::command::Event;
use crate::implant::refusal::Refusal;

/// Replaces the running program with one from a file.
pub(super) fn load(s: &mut Ctx, spec: &ProgramSpec) -> Result<Vec<Event>, Refusal> {
    let program: Program = spec.to_program().map_err(|p| {
        Refusal::ProgramFile(
            p.into_iter()
                .map(|(f, m)| format!("{f}: {m}"))
                .collect::<Vec<_>>()
                .join("; "),
        )
    })?;
    s.check_leads(&program.electrodes)?;
    *s.device_mut().program_mut() = program;
    s.restart_stimulation();
    Ok(vec![Event::Changed("program loaded".into())])
}

/// A new tonic program at 0 mA on the running program's contacts.
pub(super) fn new(s: &mut Ctx, name: &str) -> Result<Vec<Event>, Refusal> {
    let program = Program {
        name: name.to_string(),
        settings: Waveform::Tonic.defaults(),
        electrodes: s.device_mut().program().electrodes.clone(),
        window: PatientWindow {
            min_ma: 0.0,
            max_ma: 5.0,
        },
        step_ma: 0.1,
        notes: Notes::default(),
        closed_loop: None,
        patient_loop: Default::default(),
    };
    add(s, program)
}

/// A copy of program `i`.
pub(super) fn copy(s: &mut Ctx, i: usize) -> Result<Vec<Event>, Refusal> {
    let mut program = s
        .device_mut()
        .programs
        .get(i)
        .cloned()
        .ok_or(Refusal::NoProgram {
            index: i,
            count: s.device_mut().programs.len(),
        })?;
    program.name = format!("{} copy", program.name)
        .chars()
        .take(MAX_NAME_CHARS)
        .collect();
    add(s, program)
}

/// Renames the running program.
pub(super) fn rename(s: &mut Ctx, name: &str) -> Result<Vec<Event>, Refusal> {
    let mut renamed = s.device_mut().program().clone();
    renamed.name = name.trim().to_string();
    if let Some(p) = renamed.problems().into_iter().find(|p| p.field == "name") {
        return Err(setting(p));
    }
    s.device_mut().program_mut().name = renamed.name;
    Ok(vec![Event::Changed("program renamed".into())])
}

/// Deletes program `i`; the last one cannot go.
pub(super) fn delete(s: &mut Ctx, i: usize) -> Result<Vec<Event>, Refusal> {
    let count = s.device_mut().programs.len();
    if i >= count {
        return Err(Refusal::NoProgram { index: i, count });
    }
    // The list refuses to lose its last program.
    s.device_mut()
        .programs
        .remove(i)
        .map_err(|_| Refusal::LastProgram)?;
    if s.device_mut().active > i || s.device_mut().active >= s.device_mut().programs.len() {
        s.device_mut().active = s.device_mut().active.saturating_sub(1);
    }
    Ok(vec![Event::Program(s.device_mut().active)])
}

fn add(s: &mut Ctx, program: Program) -> Result<Vec<Event>, Refusal> {
    if let Some(p) = program.problems().into_iter().find(|p| p.field == "name") {
        return Err(setting(p));
    }
    s.device_mut()
        .programs
        .push(program)
        .map_err(|_| Refusal::ProgramsFull { max: MAX_PROGRAMS })?;
    s.device_mut().active = s.device_mut().programs.len() - 1;
    s.restart_stimulation();
    Ok(vec![Event::Program(s.device_mut().active)])
}
