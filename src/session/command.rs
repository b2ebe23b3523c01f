//! Commands: the only way to change a session, with who may send them and why they fail.

use crate::device::impedance::ContactFault;
use crate::device::lead::{Placement, Polarity};
use crate::device::program::{Cycling, PatientWindow, Waveform};
use crate::device::spec::ProgramSpec;
use crate::patient::anatomy::Posture;
use crate::remote::Link;
use serde::{Deserialize, Serialize};

/// Who is acting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    /// The patient with the remote: on/off, amplitude inside the window, program, lock.
    Patient,
    /// The clinician programmer: every device setting.
    Clinician,
}

/// Every change a session accepts. Remote keys, programmer settings and events of the
/// world (posture, faults, lead migration) all come through here.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// Remote: therapy on.
    TherapyOn,
    /// Remote: therapy off.
    TherapyOff,
    /// Remote: one step up, inside the patient window.
    AmplitudeUp,
    /// Remote: one step down, inside the patient window.
    AmplitudeDown,
    /// Remote: run program n (0-based).
    SelectProgram(usize),
    /// Remote: lock the keys.
    Lock,
    /// Remote: unlock the keys.
    Unlock,
    /// Remote: MRI mode on or off (on stops stimulation).
    MriMode(bool),
    /// Patient charger: fill the implant battery.
    Recharge,
    /// Programmer: amplitude of the running program, mA.
    SetAmplitude(f64),
    /// Programmer: pulse width, µs.
    SetPulseWidth(f64),
    /// Programmer: rate (burst: repetition rate), Hz.
    SetRate(f64),
    /// Programmer: waveform (starts from its defaults at 0 mA).
    SetWaveform(Waveform),
    /// Programmer: pulses per burst and intra-burst rate.
    SetBurst {
        /// Pulses per burst.
        pulses: u32,
        /// Intra-burst rate, Hz.
        rate_hz: f64,
    },
    /// Programmer: one contact's polarity (amplitude goes to 0).
    SetContact {
        /// Lead index (0-based).
        lead: usize,
        /// Contact index (0 = tip).
        contact: usize,
        /// New polarity.
        polarity: Polarity,
    },
    /// Programmer: the whole configuration in `0+-+0000` form (amplitude goes to 0).
    SetContacts {
        /// Contacts code.
        code: String,
        /// Case is an anode.
        case_anode: bool,
    },
    /// Programmer: the patient's amplitude window.
    SetPatientWindow(PatientWindow),
    /// Programmer: cycling on/off times, or none.
    SetCycling(Option<Cycling>),
    /// Programmer: soft-start ramp, s.
    SetSoftStart(f64),
    /// Programmer: replace the running program with one from a file.
    LoadProgram(Box<ProgramSpec>),
    /// World: the patient changes posture.
    SetPosture(Posture),
    /// World: a contact fails (open or short).
    InjectFault(ContactFault),
    /// World: a lead lies somewhere else (placement or migration).
    PlaceLead {
        /// Lead index.
        lead: usize,
        /// New placement.
        placement: Placement,
    },
    /// World: telemetry state.
    SetLink(Link),
    /// World: a new pain map (VAS per region, in the body map's order).
    SetPain(Vec<f64>),
    /// World: dorsal CSF under the lead, mm, or `None` for the patient's anatomy.
    SetCsf(Option<f64>),
    /// World: implant battery level, % (a teacher's "low battery").
    SetBattery(f64),
    /// Clinician programmer: log in with the PIN (logged without the PIN).
    EnterClinician {
        /// The PIN typed.
        pin: String,
    },
    /// Clinician programmer: log out; the session is back in the patient's hands.
    LeaveClinician,
    /// Programmer: change the clinician PIN (4–8 digits; logged without it).
    SetClinicianPin {
        /// The new PIN.
        pin: String,
    },
    /// Programmer: a new program (up to 4) at 0 mA, made the running one.
    NewProgram {
        /// Its name.
        name: String,
    },
    /// Programmer: copy program n into a new program.
    CopyProgram(usize),
    /// Programmer: rename the running program.
    RenameProgram(String),
    /// Programmer: current split in percent per contact (one row per lead) and the case's
    /// share of the anodic current; cathodes and anodes must each total 100 %.
    SetFractions {
        /// Percent per contact, one row per lead.
        percent: Vec<Vec<f64>>,
        /// The case's percent when it is an anode.
        case_percent: Option<f64>,
    },
    /// Programmer: delete program n (the last one cannot go).
    DeleteProgram(usize),
    /// Programmer: the running amplitude is where the patient first felt (or could no
    /// longer bear) the stimulation.
    MarkThreshold(Threshold),
    /// Programmer: store where the patient feels the tingling now with the program.
    SaveParesthesiaMap,
}

/// Which threshold a clinician marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Threshold {
    /// Perception threshold: first tingling.
    Perception,
    /// Discomfort threshold: no longer comfortable.
    Discomfort,
}

/// What a command needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A key on the patient remote: obeys lock and link.
    Remote,
    /// A programmer setting: clinician only.
    Programmer,
    /// Something that happens to the patient or the device.
    World,
    /// Logging in to or out of the clinician programmer.
    Login,
}

impl Command {
    /// Which kind of command this is.
    pub fn kind(&self) -> Kind {
        use Command::*;
        match self {
            TherapyOn | TherapyOff | AmplitudeUp | AmplitudeDown | SelectProgram(_) | Lock
            | Unlock | MriMode(_) => Kind::Remote,
            SetAmplitude(_)
            | SetPulseWidth(_)
            | SetRate(_)
            | SetWaveform(_)
            | SetBurst { .. }
            | SetContact { .. }
            | SetContacts { .. }
            | SetPatientWindow(_)
            | SetCycling(_)
            | SetSoftStart(_)
            | LoadProgram(_)
            | NewProgram { .. }
            | CopyProgram(_)
            | RenameProgram(_)
            | SetFractions { .. }
            | DeleteProgram(_)
            | MarkThreshold(_)
            | SaveParesthesiaMap
            | SetClinicianPin { .. } => Kind::Programmer,
            EnterClinician { .. } | LeaveClinician => Kind::Login,
            Recharge
            | SetPosture(_)
            | InjectFault(_)
            | PlaceLead { .. }
            | SetLink(_)
            | SetPain(_)
            | SetCsf(_)
            | SetBattery(_) => Kind::World,
        }
    }
}

/// Why a command was refused, in the device's words.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum Refusal {
    /// The remote cannot act now (locked, no link).
    #[error("{0}")]
    Remote(String),
    /// The patient may not do this.
    #[error("Only the clinician programmer can change this setting")]
    NotAllowed,
    /// At an edge of the clinician's window.
    #[error("{0}")]
    Limit(String),
    /// A value or state the device refuses.
    #[error("{0}")]
    Invalid(String),
}

/// What an accepted command changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Event {
    /// Amplitude now, mA.
    Amplitude(f64),
    /// Amplitude was set to 0 by a programming rule; the reason.
    AmplitudeZeroed(String),
    /// Therapy on or off.
    Therapy(bool),
    /// Program now running (0-based).
    Program(usize),
    /// Something else changed; in words.
    Changed(String),
}
