//! The rules behind `Session::apply`: permissions, the remote's limits, programming
//! interlocks. Every rule lives here so the GUI, the command line and tests obey it alike.

use super::Session;
use super::command::{Command, Event, Kind, Refusal, Role, Threshold};
use crate::device::battery::BatteryState;
use crate::device::lead::{Electrodes, MAX_LEADS, Polarity};
use crate::device::program::{
    AMPLITUDE_STEP_MA, MAX_AMPLITUDE_MA, MAX_NAME_CHARS, MAX_PROGRAMS, Notes, PatientWindow,
    Program, Settings, Waveform, snap,
};
use crate::patient::anatomy::REGIONS;

fn invalid(message: impl Into<String>) -> Refusal {
    Refusal::Invalid(message.into())
}

/// Applies `command` as `role`, or says why not. The state is untouched on refusal.
pub(super) fn apply(s: &mut Session, role: Role, command: &Command) -> Result<Vec<Event>, Refusal> {
    match command.kind() {
        Kind::Programmer if role != Role::Clinician => return Err(Refusal::NotAllowed),
        Kind::Remote
            if role == Role::Patient && !matches!(command, Command::Lock | Command::Unlock) =>
        {
            if let Some(why) = s.remote.refusal() {
                return Err(Refusal::Remote(why.into()));
            }
        }
        _ => {}
    }
    match command {
        Command::TherapyOn => therapy_on(s),
        Command::TherapyOff => {
            s.device.therapy_on = false;
            Ok(vec![Event::Therapy(false)])
        }
        Command::AmplitudeUp => step_amplitude(s, 1.0),
        Command::AmplitudeDown => step_amplitude(s, -1.0),
        Command::SelectProgram(i) => {
            if *i >= s.device.programs.len() {
                return Err(no_program(s, *i));
            }
            s.device.active = *i;
            s.started_s = s.t_s;
            Ok(vec![Event::Program(*i)])
        }
        Command::Lock => {
            s.remote.locked = true;
            Ok(vec![Event::Changed("remote locked".into())])
        }
        Command::Unlock => {
            s.remote.locked = false;
            Ok(vec![Event::Changed("remote unlocked".into())])
        }
        Command::MriMode(on) => {
            s.device.mri_mode = *on;
            if *on {
                s.device.therapy_on = false;
                return Ok(vec![
                    Event::Therapy(false),
                    Event::Changed("MRI mode on: stimulation off".into()),
                ]);
            }
            Ok(vec![Event::Changed("MRI mode off".into())])
        }
        Command::Recharge => {
            s.device.battery.recharge();
            Ok(vec![Event::Changed("battery recharged".into())])
        }
        Command::SetBattery(p) => {
            if !p.is_finite() || !(0.0..=100.0).contains(p) {
                return Err(invalid(format!("battery level {p} % is outside 0–100 %")));
            }
            s.device.battery = crate::device::battery::Battery::at_percent(*p);
            if s.device.battery.state() == BatteryState::Depleted {
                s.device.therapy_on = false;
            }
            Ok(vec![Event::Changed(format!("battery at {p} %"))])
        }
        Command::SetAmplitude(ma) => {
            if !ma.is_finite() || *ma < 0.0 || *ma > MAX_AMPLITUDE_MA {
                return Err(invalid(format!(
                    "amplitude {ma} mA is outside 0–{MAX_AMPLITUDE_MA} mA"
                )));
            }
            let v = snap(*ma, AMPLITUDE_STEP_MA);
            s.device.program_mut().settings.amplitude_ma = v;
            Ok(vec![Event::Amplitude(v)])
        }
        Command::SetPulseWidth(us) => edit_settings(s, |st| st.pulse_width_us = *us),
        Command::SetRate(hz) => edit_settings(s, |st| st.rate_hz = *hz),
        Command::SetBurst { pulses, rate_hz } => edit_settings(s, |st| {
            st.burst_pulses = *pulses;
            st.burst_rate_hz = *rate_hz;
        }),
        Command::SetCycling(c) => edit_settings(s, |st| st.cycling = *c),
        Command::SetSoftStart(sec) => edit_settings(s, |st| st.soft_start_s = *sec),
        Command::SetWaveform(w) => {
            let old = s.device.program().settings;
            let new = Settings {
                cycling: old.cycling,
                soft_start_s: old.soft_start_s,
                ..w.defaults()
            };
            s.device.program_mut().settings = new;
            Ok(vec![Event::AmplitudeZeroed(format!(
                "waveform changed to {w}"
            ))])
        }
        Command::SetContact {
            lead,
            contact,
            polarity,
        } => set_contact(s, *lead, *contact, *polarity),
        Command::SetContacts { code, case_anode } => {
            let e = Electrodes::parse(code, *case_anode).map_err(invalid)?;
            check_leads(s, &e)?;
            s.device.program_mut().electrodes = e;
            s.device.program_mut().settings.amplitude_ma = 0.0;
            Ok(vec![Event::AmplitudeZeroed("polarity changed".into())])
        }
        Command::SetPatientWindow(w) => {
            if let Some(p) = w.problems().first() {
                return Err(invalid(p.message.clone()));
            }
            s.device.program_mut().window = *w;
            Ok(vec![Event::Changed(format!(
                "patient window {}–{} mA",
                w.min_ma, w.max_ma
            ))])
        }
        Command::LoadProgram(spec) => {
            let program: Program = spec.to_program().map_err(|p| {
                invalid(
                    p.into_iter()
                        .map(|(f, m)| format!("{f}: {m}"))
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            })?;
            check_leads(s, &program.electrodes)?;
            *s.device.program_mut() = program;
            s.started_s = s.t_s;
            Ok(vec![Event::Changed("program loaded".into())])
        }
        Command::SetPosture(p) => {
            s.patient.posture = *p;
            Ok(vec![Event::Changed(format!("posture {p}"))])
        }
        Command::InjectFault(f) => {
            s.device.impedances.inject(*f).map_err(invalid)?;
            Ok(vec![Event::Changed(format!(
                "contact {} on lead {}: {}",
                f.contact,
                f.lead + 1,
                f.fault.describe()
            ))])
        }
        Command::PlaceLead { lead, placement } => {
            placement.validate().map_err(invalid)?;
            let slot = s
                .device
                .placements
                .get_mut(*lead)
                .ok_or_else(|| invalid(format!("there is no lead {}", lead + 1)))?;
            *slot = *placement;
            Ok(vec![Event::Changed(format!(
                "lead {} at {} {:+.1} mm",
                lead + 1,
                placement.level,
                placement.lateral_mm
            ))])
        }
        Command::SetLink(l) => {
            s.remote.link = *l;
            Ok(vec![Event::Changed(l.label().into())])
        }
        Command::SetPain(map) => {
            if map.len() != REGIONS.len() {
                return Err(invalid(format!(
                    "a pain map has {} regions, not {}",
                    REGIONS.len(),
                    map.len()
                )));
            }
            if let Some((i, v)) = map
                .iter()
                .enumerate()
                .find(|(_, v)| !v.is_finite() || !(0.0..=10.0).contains(*v))
            {
                return Err(invalid(format!(
                    "pain for {} is VAS {v}, outside 0–10",
                    REGIONS[i].name
                )));
            }
            s.patient.pain.copy_from_slice(map);
            Ok(vec![Event::Changed("pain map replaced".into())])
        }
        Command::EnterClinician { pin } => {
            if s.role != Role::Clinician {
                let now = s.t_s;
                s.access.attempt(pin, now).map_err(Refusal::Invalid)?;
                s.role = Role::Clinician;
            }
            Ok(vec![Event::Changed("clinician programmer unlocked".into())])
        }
        Command::SetClinicianPin { pin } => {
            s.access = crate::clinician::Access::with_pin(pin).map_err(Refusal::Invalid)?;
            Ok(vec![Event::Changed("clinician PIN changed".into())])
        }
        Command::LeaveClinician => {
            s.role = Role::Patient;
            Ok(vec![Event::Changed("back to the patient remote".into())])
        }
        Command::NewProgram { name } => {
            let electrodes = s.device.program().electrodes.clone();
            let program = Program {
                name: name.clone(),
                settings: Waveform::Tonic.defaults(),
                electrodes,
                window: PatientWindow {
                    min_ma: 0.0,
                    max_ma: 5.0,
                },
                step_ma: 0.1,
                notes: Notes::default(),
            };
            add_program(s, program)
        }
        Command::CopyProgram(i) => {
            let mut program = s
                .device
                .programs
                .get(*i)
                .cloned()
                .ok_or_else(|| no_program(s, *i))?;
            program.name = format!("{} copy", program.name)
                .chars()
                .take(MAX_NAME_CHARS)
                .collect();
            add_program(s, program)
        }
        Command::RenameProgram(name) => {
            let mut renamed = s.device.program().clone();
            renamed.name = name.trim().to_string();
            if let Some(p) = renamed.problems().into_iter().find(|p| p.field == "name") {
                return Err(invalid(p.message));
            }
            s.device.program_mut().name = renamed.name;
            Ok(vec![Event::Changed("program renamed".into())])
        }
        Command::SetFractions {
            percent,
            case_percent,
        } => {
            let mut e = s.device.program().electrodes.clone();
            e.set_percentages(percent, *case_percent).map_err(invalid)?;
            s.device.program_mut().electrodes = e;
            Ok(vec![Event::Changed("current split changed".into())])
        }
        Command::DeleteProgram(i) => {
            if *i >= s.device.programs.len() {
                return Err(no_program(s, *i));
            }
            if s.device.programs.len() == 1 {
                return Err(invalid("The last program cannot be deleted"));
            }
            s.device.programs.remove(*i).map_err(invalid)?;
            if s.device.active > *i || s.device.active >= s.device.programs.len() {
                s.device.active = s.device.active.saturating_sub(1);
            }
            Ok(vec![Event::Program(s.device.active)])
        }
        Command::MarkThreshold(which) => {
            if s.device.delivered_ma() <= 0.0 {
                return Err(invalid(
                    "Turn stimulation on and raise the amplitude until the patient reports it",
                ));
            }
            let ma = s.device.program().settings.amplitude_ma;
            let notes = &mut s.device.program_mut().notes;
            match which {
                Threshold::Perception => notes.measured_pt_ma = Some(ma),
                Threshold::Discomfort => notes.measured_dt_ma = Some(ma),
            }
            Ok(vec![Event::Changed(format!(
                "{which:?} threshold marked at {ma:.1} mA"
            ))])
        }
        Command::SaveParesthesiaMap => {
            if s.device.delivered_ma() <= 0.0 {
                return Err(invalid(
                    "Turn stimulation on first: the map records what the patient feels",
                ));
            }
            let view = s.view();
            let map = crate::patient::anatomy::REGIONS
                .iter()
                .zip(view.response.perception.paresthesia)
                .filter(|(_, v)| *v >= 0.05)
                .map(|(r, v)| (r.name.to_string(), (v * 100.0).round() / 100.0))
                .collect();
            let notes = &mut s.device.program_mut().notes;
            notes.paresthesia_map = map;
            notes.patient_words = Some(view.speech);
            Ok(vec![Event::Changed(
                "paresthesia map saved with the program".into(),
            )])
        }
        Command::SetCsf(mm) => {
            if let Some(v) = mm
                && (!v.is_finite() || !(0.5..=12.0).contains(v))
            {
                return Err(invalid(format!("dorsal CSF {v} mm is outside 0.5–12 mm")));
            }
            s.patient.csf_override_mm = *mm;
            Ok(vec![Event::Changed("dorsal CSF set".into())])
        }
    }
}

fn no_program(s: &Session, i: usize) -> Refusal {
    invalid(format!(
        "There is no program {} (this implant has {})",
        i + 1,
        s.device.programs.len()
    ))
}

fn add_program(s: &mut Session, program: Program) -> Result<Vec<Event>, Refusal> {
    if s.device.programs.len() >= MAX_PROGRAMS {
        return Err(invalid(format!(
            "The stimulator stores at most {MAX_PROGRAMS} programs: delete one first"
        )));
    }
    if let Some(p) = program.problems().into_iter().find(|p| p.field == "name") {
        return Err(invalid(p.message));
    }
    s.device.programs.push(program).map_err(invalid)?;
    s.device.active = s.device.programs.len() - 1;
    s.started_s = s.t_s;
    Ok(vec![Event::Program(s.device.active)])
}

fn therapy_on(s: &mut Session) -> Result<Vec<Event>, Refusal> {
    if s.device.mri_mode {
        return Err(invalid(
            "Stimulation is off in MRI mode: leave MRI mode first",
        ));
    }
    if s.device.battery.state() == BatteryState::Depleted {
        return Err(invalid("Battery depleted: recharge stimulator now"));
    }
    if !s.device.therapy_on {
        s.device.therapy_on = true;
        s.started_s = s.t_s;
    }
    Ok(vec![Event::Therapy(true)])
}

fn step_amplitude(s: &mut Session, direction: f64) -> Result<Vec<Event>, Refusal> {
    if !s.device.therapy_on {
        return Err(invalid(
            "Stimulation is off: turn it on to change the amplitude",
        ));
    }
    let p = s.device.program();
    let (now, w, step) = (p.settings.amplitude_ma, p.window, p.step_ma);
    let target = if direction > 0.0 {
        if now >= w.max_ma - 1e-9 {
            return Err(Refusal::Limit(format!(
                "Maximum reached: your clinician set the limit at {:.1} mA",
                w.max_ma
            )));
        }
        (now + step).clamp(w.min_ma, w.max_ma)
    } else {
        if now <= w.min_ma + 1e-9 {
            return Err(Refusal::Limit(format!(
                "Minimum reached: your clinician set the lowest level at {:.1} mA",
                w.min_ma
            )));
        }
        (now - step).clamp(w.min_ma, w.max_ma)
    };
    let v = snap(target, AMPLITUDE_STEP_MA);
    s.device.program_mut().settings.amplitude_ma = v;
    Ok(vec![Event::Amplitude(v)])
}

fn edit_settings(
    s: &mut Session,
    change: impl FnOnce(&mut Settings),
) -> Result<Vec<Event>, Refusal> {
    let mut next = s.device.program().settings;
    change(&mut next);
    if let Some(p) = next.problems().first() {
        return Err(invalid(p.message.clone()));
    }
    s.device.program_mut().settings = next.snapped();
    Ok(vec![Event::Changed("settings changed".into())])
}

fn check_leads(s: &Session, e: &Electrodes) -> Result<(), Refusal> {
    if e.leads.len() > s.device.placements.len() {
        return Err(invalid(format!(
            "the contacts name {} leads but this implant has {}",
            e.leads.len(),
            s.device.placements.len()
        )));
    }
    Ok(())
}

fn set_contact(
    s: &mut Session,
    lead: usize,
    contact: usize,
    polarity: Polarity,
) -> Result<Vec<Event>, Refusal> {
    if lead >= s.device.placements.len().min(MAX_LEADS) {
        return Err(invalid(format!("there is no lead {}", lead + 1)));
    }
    if polarity != Polarity::Off
        && let Some(f) = s.device.impedances.fault(lead, contact)
    {
        return Err(invalid(format!(
            "Electrode {contact} on lead {} is disabled ({}): choose another contact",
            lead + 1,
            f.describe()
        )));
    }
    let e = &mut s.device.program_mut().electrodes;
    while e.leads.len() <= lead {
        e.leads
            .push([Polarity::Off; crate::device::lead::CONTACTS_PER_LEAD]);
    }
    e.set_polarity(lead, contact, polarity).map_err(invalid)?;
    s.device.program_mut().settings.amplitude_ma = 0.0;
    Ok(vec![Event::AmplitudeZeroed("polarity changed".into())])
}
