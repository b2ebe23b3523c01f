//! Commands in the words a trainee or a teacher uses ("Pulse width from 300 to 450 µs"), for the
//! debrief's timeline and the exported list of actions. Given the device as it was before,
//! a change names both values.

use crate::device::Device;
use crate::device::closed_loop::LoopSettings;
use crate::device::program::Waveform;
use crate::files::shorten;
use crate::implant::command::{
    AccessRequest, Command, ProgrammerEdit, RemoteKey, Threshold, WorldEvent,
};

/// A number without a trailing `.0` where it is whole (`450`, `6.4`).
fn num(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r}")
    }
}

/// "Name from old to new unit", or "Name new unit" when the old value is not known.
fn change(name: &str, old: Option<f64>, new: f64, unit: &str) -> String {
    match old {
        Some(o) => format!("{name} from {} to {} {unit}", num(o), num(new)),
        None => format!("{name} {} {unit}", num(new)),
    }
}

fn waveform_words(w: Waveform) -> &'static str {
    match w {
        Waveform::Tonic => "tonic",
        Waveform::Burst => "burst",
        Waveform::HighFrequency => "high frequency (kHz)",
    }
}

/// The command in plain words; `before` is the device as it was when the command was sent.
pub fn action_words(command: &Command, before: Option<&Device>) -> String {
    match command {
        Command::Remote(key) => remote_words(key, before),
        Command::Programmer(edit) => programmer_words(edit, before),
        Command::World(event) => world_words(event),
        Command::Access(request) => match request {
            AccessRequest::EnterClinician { .. } => "Entered the clinician programmer".into(),
            AccessRequest::LeaveClinician => "Left the clinician programmer".into(),
            AccessRequest::SetClinicianPin { .. } => "Changed the clinician PIN".into(),
            AccessRequest::NextVisit { after_s } => {
                format!("Ended the visit: next visit in {}", gap_words(*after_s))
            }
        },
    }
}

/// A gap between visits in words: "3 days", "1 day 12 h", "6 h".
pub fn gap_words(after_s: f64) -> String {
    let hours = (after_s / 3600.0).round() as u64;
    let (days, h) = (hours / 24, hours % 24);
    let day = match days {
        0 => String::new(),
        1 => "1 day".to_string(),
        n => format!("{n} days"),
    };
    match (day.is_empty(), h) {
        (true, h) => format!("{h} h"),
        (false, 0) => day,
        (false, h) => format!("{day} {h} h"),
    }
}

fn remote_words(key: &RemoteKey, before: Option<&Device>) -> String {
    let ma = before.map(|d| d.program().settings.amplitude_ma);
    let target = before.and_then(|d| d.program().running_loop());
    match key {
        RemoteKey::AmplitudeUp | RemoteKey::AmplitudeDown if target.is_some() => {
            let up = *key == RemoteKey::AmplitudeUp;
            format!(
                "Remote: closed-loop target {} from {} µV",
                if up { "up" } else { "down" },
                target.map_or(0.0, |l| l.target_uv).round()
            )
        }
        RemoteKey::ClosedLoop(true) => "Remote: closed loop on".into(),
        RemoteKey::ClosedLoop(false) => "Remote: closed loop off (open loop)".into(),
        RemoteKey::TherapyOn => "Stimulation on".into(),
        RemoteKey::TherapyOff => "Stimulation off".into(),
        RemoteKey::AmplitudeUp => match ma {
            Some(v) => format!("Remote: amplitude up from {} mA", num(v)),
            None => "Remote: amplitude up".into(),
        },
        RemoteKey::AmplitudeDown => match ma {
            Some(v) => format!("Remote: amplitude down from {} mA", num(v)),
            None => "Remote: amplitude down".into(),
        },
        RemoteKey::SelectProgram(i) => format!("Remote: program {}", i.saturating_add(1)),
        RemoteKey::Lock => "Remote locked".into(),
        RemoteKey::Unlock => "Remote unlocked".into(),
        RemoteKey::MriMode(true) => "MRI mode on".into(),
        RemoteKey::MriMode(false) => "MRI mode off".into(),
        RemoteKey::Recharge => "Remote: implant recharged".into(),
        RemoteKey::Pump(k) => k.words().into(),
    }
}

/// A change of contacts, from the running program's (when known); the code as given, cut
/// to an excerpt when far too long.
fn contacts_words(code: &str, case_anode: bool, before: Option<&Device>) -> String {
    let old = before.map(|d| d.program().electrodes.to_code());
    let case = if case_anode {
        " with the case as anode"
    } else {
        ""
    };
    let code = shorten(code);
    match old {
        Some(o) => format!("Contacts from {o} to {code}{case}"),
        None => format!("Contacts {code}{case}"),
    }
}

fn programmer_words(edit: &ProgrammerEdit, before: Option<&Device>) -> String {
    let s = before.map(|d| d.program().settings);
    match edit {
        ProgrammerEdit::Pump(e) => e.words(),
        ProgrammerEdit::SetAmplitude(v) => change("Amplitude", s.map(|s| s.amplitude_ma), *v, "mA"),
        ProgrammerEdit::SetPulseWidth(v) => {
            change("Pulse width", s.map(|s| s.pulse_width_us), *v, "µs")
        }
        ProgrammerEdit::SetRate(v) => change("Rate", s.map(|s| s.rate_hz), *v, "Hz"),
        ProgrammerEdit::SetWaveform(w) => match s {
            Some(s) => format!(
                "Waveform from {} to {}",
                waveform_words(s.waveform),
                waveform_words(*w)
            ),
            None => format!("Waveform {}", waveform_words(*w)),
        },
        ProgrammerEdit::SetBurst { pulses, rate_hz } => {
            format!("Burst of {pulses} pulses at {} Hz", num(*rate_hz))
        }
        ProgrammerEdit::SetContact {
            lead,
            contact,
            polarity,
        } => format!(
            "Lead {} contact {contact} set to {}",
            lead.saturating_add(1),
            polarity.words()
        ),
        ProgrammerEdit::SetContacts { code, case_anode } => {
            contacts_words(code, *case_anode, before)
        }
        ProgrammerEdit::SetPatientWindow(w) => {
            format!("Patient's range {}–{} mA", num(w.min_ma), num(w.max_ma))
        }
        ProgrammerEdit::SetCycling(None) => "Cycling off".into(),
        ProgrammerEdit::SetCycling(Some(c)) => {
            format!("Cycling {} s on, {} s off", num(c.on_s), num(c.off_s))
        }
        ProgrammerEdit::SetSoftStart(v) => change("Soft start", None, *v, "s"),
        ProgrammerEdit::LoadProgram(p) => format!("Loaded program '{}'", shorten(&p.name)),
        ProgrammerEdit::NewProgram { name } => format!("New program '{}'", shorten(name)),
        ProgrammerEdit::CopyProgram(i) => format!("Copied program {}", i.saturating_add(1)),
        ProgrammerEdit::RenameProgram(name) => {
            format!("Renamed the program '{}'", shorten(name))
        }
        ProgrammerEdit::SetFractions { .. } => "Current split between contacts changed".into(),
        ProgrammerEdit::DeleteProgram(i) => format!("Deleted program {}", i.saturating_add(1)),
        ProgrammerEdit::MarkThreshold(t) => {
            let which = match t {
                Threshold::Perception => "perception",
                Threshold::Discomfort => "discomfort",
                Threshold::Motor => "motor",
            };
            match s {
                Some(s) => format!("Marked the {which} threshold at {} mA", num(s.amplitude_ma)),
                None => format!("Marked the {which} threshold"),
            }
        }
        ProgrammerEdit::SaveParesthesiaMap => "Saved where the patient feels the tingling".into(),
        ProgrammerEdit::CheckImpedances => "Impedance check".into(),
        ProgrammerEdit::SetClosedLoop(l) => closed_loop_words(l.as_ref()),
        ProgrammerEdit::AskPatient(q) => format!("Asked the patient: {}", q.words()),
        ProgrammerEdit::MoveIntroducer { lead, distance_mm } => {
            let old = before
                .and_then(|d| d.nerve_leads.get(*lead))
                .map(|l| l.site.distance_mm);
            change(
                &format!("Lead {} introducer distance", lead.saturating_add(1)),
                old,
                *distance_mm,
                "mm",
            )
        }
        ProgrammerEdit::DeployLead(lead) => format!("Deployed lead {}", lead.saturating_add(1)),
        ProgrammerEdit::RemoveLead(lead) => format!("Withdrew lead {}", lead.saturating_add(1)),
    }
}

fn closed_loop_words(l: Option<&LoopSettings>) -> String {
    l.map_or_else(
        || "Closed loop off (open loop)".into(),
        |l| {
            format!(
                "Closed loop on: target {} µV, gain {} mA/µV, {} updates/s, {}–{} mA",
                num(l.target_uv),
                num(l.gain_ma_per_uv),
                num(l.update_hz),
                num(l.min_ma),
                num(l.max_ma)
            )
        },
    )
}

fn world_words(event: &WorldEvent) -> String {
    match event {
        WorldEvent::Pump(e) => e.words(),
        WorldEvent::Recharge => "Implant battery recharged".into(),
        WorldEvent::Jolt(j) => format!("The patient: a {}", j.name()),
        WorldEvent::SetPosture(p) => format!("The patient is now {p}"),
        WorldEvent::InjectFault(f) => format!(
            "Electrode {} on lead {} failed ({})",
            f.contact,
            f.lead.saturating_add(1),
            f.fault.describe()
        ),
        WorldEvent::PlaceLead { lead, placement } => format!(
            "Lead {} now lies at {}, {} mm {}",
            lead.saturating_add(1),
            placement.level,
            num(placement.lateral_mm.abs()),
            if placement.lateral_mm < 0.0 {
                "left of midline"
            } else {
                "right of midline"
            }
        ),
        WorldEvent::SetLink(l) => format!("Remote link: {}", l.label()),
        WorldEvent::SetPain(_) => "The pain map changed".into(),
        WorldEvent::SetCsf(Some(mm)) => format!("Dorsal CSF set to {} mm", num(*mm)),
        WorldEvent::SetCsf(None) => "Dorsal CSF back to the patient's anatomy".into(),
        WorldEvent::SetBattery(p) => format!("Implant battery at {} %", num(*p)),
        WorldEvent::BookMri { at_s, minutes } => format!(
            "MRI scan booked at {} for {} min",
            crate::implant::stim::mri::clock(*at_s),
            num(*minutes)
        ),
        WorldEvent::PlaceNerveLead { lead, site, .. } => {
            format!("Lead {} now lies at the {site}", lead.saturating_add(1))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::library;

    #[test]
    fn changes_name_both_values_in_plain_units() {
        let (_, device) = library::default_patient();
        let pw = device.program().settings.pulse_width_us;
        let words = action_words(&ProgrammerEdit::SetPulseWidth(450.0).into(), Some(&device));
        assert_eq!(words, format!("Pulse width from {} to 450 µs", num(pw)));
        let words = action_words(&ProgrammerEdit::SetAmplitude(6.4).into(), None);
        assert_eq!(words, "Amplitude 6.4 mA");
        assert!(
            !action_words(
                &ProgrammerEdit::MarkThreshold(Threshold::Perception).into(),
                None
            )
            .contains("Perception)")
        );
    }
}
