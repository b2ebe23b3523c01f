//! Commands: the only way to change a session, grouped by who sends them. The group decides
//! what a command needs (the remote obeys lock and link, the programmer needs the clinician,
//! world events come from the scene), so permission follows from the type, not from a list.

use super::ImplantKind;
use crate::device::closed_loop::LoopSettings;
use crate::device::impedance::ContactFault;
use crate::device::lead::{Placement, Polarity};
use crate::device::program::{Cycling, PatientWindow, Waveform};
use crate::device::spec::ProgramSpec;
pub use crate::implant::pump::command::{Kit, Port, PumpEdit, PumpEvent, PumpKey, RefillStep};
use crate::patient::anatomy::Posture;
use crate::patient::cord_motion::Jolt;
use crate::patient::interview::{Answer, Question};
use crate::patient::nerve::NerveSite;
use crate::remote::Link;
use serde::{Deserialize, Serialize};

/// Who is acting. What each may send follows from the command's group (see `rules`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    /// The patient with the remote: on/off, amplitude inside the window, program, lock.
    Patient,
    /// The clinician programmer: every device setting, once logged in.
    Clinician,
    /// The teacher's controls: events of the world (posture, faults, migration, battery).
    Teacher,
    /// An exercise setting its scene at the start.
    Exercise,
}

impl Role {
    /// The sender in words, for logs and exports.
    pub fn words(self) -> &'static str {
        match self {
            Role::Patient => "patient",
            Role::Clinician => "clinician",
            Role::Teacher => "teacher",
            Role::Exercise => "exercise",
        }
    }
}

/// Every change a session accepts, by who sends it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// A key on the patient's remote.
    Remote(RemoteKey),
    /// A setting changed on the clinician programmer.
    Programmer(ProgrammerEdit),
    /// Something that happens to the patient or the implant (posture, faults, migration).
    World(WorldEvent),
    /// Logging in to or out of the clinician programmer, changing its PIN, or ending a visit.
    Access(AccessRequest),
}

/// Keys of the patient remote: they obey the remote's lock and telemetry link.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RemoteKey {
    /// Therapy on.
    TherapyOn,
    /// Therapy off.
    TherapyOff,
    /// One step up, inside the patient window (in closed loop: the target one step up).
    AmplitudeUp,
    /// One step down, inside the patient window (in closed loop: the target one step down).
    AmplitudeDown,
    /// Run program n (0-based).
    SelectProgram(usize),
    /// Closed loop on (with the clinician's settings) or off (open loop), on a program the
    /// clinician put in closed loop.
    ClosedLoop(bool),
    /// Lock the keys.
    Lock,
    /// Unlock the keys.
    Unlock,
    /// MRI mode on or off (on stops stimulation).
    MriMode(bool),
    /// The patient's charger over the implant, paired with the remote: the battery fills
    /// (stimulation stays as it was; an emptied implant is turned on again by hand).
    Recharge,
    /// A key of a drug pump's patient remote (the bolus button).
    Pump(PumpKey),
}

/// Edits on the clinician programmer: only a logged-in clinician may send them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ProgrammerEdit {
    /// Amplitude of the running program, mA.
    SetAmplitude(f64),
    /// Pulse width, µs.
    SetPulseWidth(f64),
    /// Rate (burst: repetition rate), Hz.
    SetRate(f64),
    /// Waveform (starts from its defaults at 0 mA).
    SetWaveform(Waveform),
    /// Pulses per burst and intra-burst rate.
    SetBurst {
        /// Pulses per burst.
        pulses: u32,
        /// Intra-burst rate, Hz.
        rate_hz: f64,
    },
    /// One contact's polarity (amplitude goes to 0).
    SetContact {
        /// Lead index (0-based).
        lead: usize,
        /// Contact index (0 = tip).
        contact: usize,
        /// New polarity.
        polarity: Polarity,
    },
    /// The whole configuration in `0+-+0000` form (amplitude goes to 0).
    SetContacts {
        /// Contacts code.
        code: String,
        /// Case is an anode.
        case_anode: bool,
    },
    /// The patient's amplitude window.
    SetPatientWindow(PatientWindow),
    /// Cycling on/off times, or none.
    SetCycling(Option<Cycling>),
    /// Soft-start ramp, s.
    SetSoftStart(f64),
    /// Replace the running program with one from a file.
    LoadProgram(Box<ProgramSpec>),
    /// A new program (up to 4) at 0 mA, made the running one.
    NewProgram {
        /// Its name.
        name: String,
    },
    /// Copy program n into a new program.
    CopyProgram(usize),
    /// Rename the running program.
    RenameProgram(String),
    /// Current split in percent per contact (one row per lead) and the case's share of the
    /// anodic current; cathodes and anodes must each total 100 %.
    SetFractions {
        /// Percent per contact, one row per lead.
        percent: Vec<Vec<f64>>,
        /// The case's percent when it is an anode.
        case_percent: Option<f64>,
    },
    /// Delete program n (the last one cannot go).
    DeleteProgram(usize),
    /// The running amplitude is where the patient first felt (or could no longer bear) the
    /// stimulation.
    MarkThreshold(Threshold),
    /// Store where the patient feels the tingling now with the program.
    SaveParesthesiaMap,
    /// Ask the patient a question; the answer comes back as [`Event::Answer`] (in blind
    /// mode the patient is the only source of what is felt).
    AskPatient(Question),
    /// Percutaneous PNS placement: move the introducer needle (the lead still inside it)
    /// to this distance from the nerve, as the implanting clinician does under ultrasound
    /// with test stimulation; refused once the lead is deployed.
    MoveIntroducer {
        /// Lead index (0-based).
        lead: usize,
        /// New distance from the nerve, mm.
        distance_mm: f64,
    },
    /// Deploy a percutaneous lead where its introducer is: the barbs hold it from now on.
    DeployLead(usize),
    /// Withdraw a percutaneous lead with gentle traction (its coil straightens past the
    /// barbs), as before an MRI: it is MR unsafe. Stimulation through it ends for good.
    RemoveLead(usize),
    /// A drug pump's programmer task (interrogate, prescription, boluses, refill).
    Pump(PumpEdit),
    /// Run the impedance check: every contact's reading, faults named (the MRI conditions
    /// of a stimulator ask for one before a scan).
    CheckImpedances,
    /// The running program in closed loop with these settings, or back in open loop
    /// (`None`).
    SetClosedLoop(Option<LoopSettings>),
}

/// Events of the world: the patient, the implant's hardware and the scene a teacher or an
/// exercise sets. Anyone may send them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum WorldEvent {
    /// The patient's charger fills the implant battery.
    Recharge,
    /// The patient changes posture.
    SetPosture(Posture),
    /// A contact fails (open or short).
    InjectFault(ContactFault),
    /// A lead lies somewhere else (placement or migration).
    PlaceLead {
        /// Lead index.
        lead: usize,
        /// New placement.
        placement: Placement,
    },
    /// Telemetry state.
    SetLink(Link),
    /// A new pain map (VAS per region, in the body map's order).
    SetPain(Vec<f64>),
    /// Dorsal CSF under the lead, mm, or `None` for the patient's anatomy.
    SetCsf(Option<f64>),
    /// Implant battery level, % (a teacher's "low battery").
    SetBattery(f64),
    /// An MRI scan is booked: the patient lies in the scanner from `at_s` (simulated
    /// seconds since the start) for `minutes`.
    BookMri {
        /// When the scan starts, s.
        at_s: f64,
        /// How long it lasts, minutes.
        minutes: f64,
    },
    /// A lead at a peripheral nerve lies somewhere else (placement under ultrasound, or
    /// migration).
    PlaceNerveLead {
        /// Lead index.
        lead: usize,
        /// Where it lies now.
        site: NerveSite,
        /// Deployed (barbs holding), or still in its introducer needle.
        #[serde(default = "deployed")]
        deployed: bool,
    },
    /// Something that happens to a drug pump (occlusion, stall, MRI, flow error, the
    /// needle's luck at a refill).
    Pump(PumpEvent),
    /// The cord jolts toward the leads for a moment (a cough, a sneeze).
    Jolt(Jolt),
}

fn deployed() -> bool {
    true
}

/// Access to the clinician programmer, and when the clinic sees the patient again. PINs
/// are never written to the log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum AccessRequest {
    /// Log in with the PIN.
    EnterClinician {
        /// The PIN typed.
        pin: String,
    },
    /// Log out; the session is back in the patient's hands.
    LeaveClinician,
    /// Change the clinician PIN (4–8 digits); clinician only, and only with the old PIN.
    SetClinicianPin {
        /// The present PIN (recordings before it was asked for have none).
        #[serde(default)]
        old: String,
        /// The new PIN (`pin` in recordings before the old PIN was asked for).
        #[serde(alias = "pin")]
        new: String,
    },
    /// The visit ends and the patient goes home, to be seen again `after_s` seconds later
    /// (a clinician's follow-up, as days pass between visits while a pump titration or a
    /// 10 kHz wash-in is judged). Nothing the trainee sends is taken until then.
    NextVisit {
        /// Time until the next visit, s (1 hour to 14 days).
        after_s: f64,
    },
}

/// Which threshold a clinician marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Threshold {
    /// Perception threshold: first tingling.
    Perception,
    /// Discomfort threshold: no longer comfortable.
    Discomfort,
    /// Motor threshold (peripheral nerve stimulation): the first visible twitch.
    Motor,
}

impl From<RemoteKey> for Command {
    fn from(k: RemoteKey) -> Command {
        Command::Remote(k)
    }
}

impl From<ProgrammerEdit> for Command {
    fn from(e: ProgrammerEdit) -> Command {
        Command::Programmer(e)
    }
}

impl From<WorldEvent> for Command {
    fn from(e: WorldEvent) -> Command {
        Command::World(e)
    }
}

impl From<AccessRequest> for Command {
    fn from(a: AccessRequest) -> Command {
        Command::Access(a)
    }
}

impl Command {
    /// The command as it may be written to a log: PINs (old and new) blanked.
    pub fn redacted(self) -> Command {
        match self {
            Command::Access(AccessRequest::EnterClinician { .. }) => {
                AccessRequest::EnterClinician { pin: String::new() }.into()
            }
            Command::Access(AccessRequest::SetClinicianPin { .. }) => {
                AccessRequest::SetClinicianPin {
                    old: String::new(),
                    new: String::new(),
                }
                .into()
            }
            other => other,
        }
    }
}

impl Command {
    /// The kinds of implant that take this command; `None` for what every session takes
    /// (the clinician's login, the remote's lock, the link, posture, the pain map, and a
    /// booked MRI scan, which every implant meets in its own way).
    pub fn takes(&self) -> Option<&'static [ImplantKind]> {
        const PUMP: &[ImplantKind] = &[ImplantKind::Pump];
        match self {
            Command::Access(_)
            | Command::Remote(RemoteKey::Lock | RemoteKey::Unlock)
            | Command::World(
                WorldEvent::SetLink(_)
                | WorldEvent::SetPosture(_)
                | WorldEvent::SetPain(_)
                | WorldEvent::BookMri { .. },
            ) => None,
            Command::Remote(RemoteKey::Pump(_))
            | Command::Programmer(ProgrammerEdit::Pump(_))
            | Command::World(WorldEvent::Pump(_)) => Some(PUMP),
            Command::Remote(_) | Command::Programmer(_) | Command::World(_) => {
                Some(ImplantKind::STIMULATORS)
            }
        }
    }
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
    /// The patient's answer to a question.
    Answer(Answer),
}
