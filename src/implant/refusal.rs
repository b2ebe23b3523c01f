//! Why a command was refused: one variant per rule, worded as the device would say it.
//! Code matches on the variant, never on the words; a recording stores the variant, so a
//! replay can tell whether the same rule refused it again.

use super::ImplantKind;
use crate::clinician::AccessError;
use crate::patient::anatomy::REGIONS;
use crate::remote::RemoteBlock;
use serde::{Deserialize, Serialize};

/// A command meant for other kinds of implant than this one: both are named, so code and
/// tests match on kinds and the words come from them.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("{}", wrong_kind_words(self))]
pub struct WrongKind {
    /// The kind implanted.
    pub implant: ImplantKind,
    /// The kinds that take the command.
    pub takes: Vec<ImplantKind>,
}

fn wrong_kind_words(w: &WrongKind) -> &'static str {
    w.implant.misplaced_words(&w.takes)
}

/// Why a command was refused, in the device's words.
#[derive(Clone, Debug, PartialEq, thiserror::Error, Serialize, Deserialize)]
pub enum Refusal {
    /// The remote cannot act now.
    #[error("{0}")]
    Remote(RemoteBlock),
    /// A programmer edit sent without the clinician logged in.
    #[error("Only the clinician programmer can change this setting")]
    NotAllowed,
    /// The remote's up key at the top of the clinician's window.
    #[error("Maximum reached: your clinician set the limit at {max_ma:.1} mA")]
    AtMaximum {
        /// The window's top, mA.
        max_ma: f64,
    },
    /// The remote's down key at the bottom of the clinician's window.
    #[error("Minimum reached: your clinician set the lowest level at {min_ma:.1} mA")]
    AtMinimum {
        /// The window's bottom, mA.
        min_ma: f64,
    },
    /// Amplitude keys while stimulation is off.
    #[error("Stimulation is off: turn it on to change the amplitude")]
    StimulationOff,
    /// Therapy on while in MRI mode.
    #[error("Stimulation is off in MRI mode: leave MRI mode first")]
    MriMode,
    /// Therapy on with an empty battery.
    #[error("Battery depleted: recharge stimulator now")]
    BatteryDepleted,
    /// A program number the implant does not have.
    #[error("There is no program {} (this implant has {count})", index.saturating_add(1))]
    NoProgram {
        /// The program asked for (0-based).
        index: usize,
        /// Programs stored.
        count: usize,
    },
    /// All program slots are used.
    #[error("The stimulator stores at most {max} programs: delete one first")]
    ProgramsFull {
        /// Program slots.
        max: usize,
    },
    /// Deleting the only program.
    #[error("The last program cannot be deleted")]
    LastProgram,
    /// A setting outside the device's range or rules; `field` names the setting.
    #[error("{message}")]
    Setting {
        /// The setting (`amplitude_ma`, `pulse_width_us`, `name`, `patient_window`, …).
        field: String,
        /// The device's words.
        message: String,
    },
    /// A contact configuration or current split the device refuses.
    #[error("{0}")]
    Contacts(String),
    /// A lead number the implant does not have.
    #[error("there is no lead {}", lead.saturating_add(1))]
    NoLead {
        /// Lead index (0-based).
        lead: usize,
    },
    /// Contacts naming more leads than are implanted.
    #[error("the contacts name {named} leads but this implant has {implanted}")]
    TooManyLeads {
        /// Leads the contacts name.
        named: usize,
        /// Leads implanted.
        implanted: usize,
    },
    /// A contact disabled by an impedance fault.
    #[error("Electrode {contact} on lead {} is disabled ({fault}): choose another contact", lead.saturating_add(1))]
    ContactDisabled {
        /// Lead index (0-based).
        lead: usize,
        /// Contact index.
        contact: usize,
        /// The fault in words.
        fault: String,
    },
    /// A program file's settings the device refuses.
    #[error("{0}")]
    ProgramFile(String),
    /// Marking a threshold with no current flowing.
    #[error("Turn stimulation on and raise the amplitude until the patient reports it")]
    ThresholdNeedsStimulation,
    /// Saving the paresthesia map with no current flowing.
    #[error("Turn stimulation on first: the map records what the patient feels")]
    MapNeedsStimulation,
    /// Someone but the exercise tried to change the scene of an exercise (posture, lead,
    /// faults): the trainee solves it by programming, and what happens to the patient is
    /// the exercise's, set at its start.
    #[error("In an exercise only the exercise changes the patient or the implant")]
    SceneNotYours,
    /// A world event with an impossible value (a placement, a fault, a level).
    #[error("{0}")]
    Scene(String),
    /// A pain map of the wrong length.
    #[error("a pain map has {} regions, not {got}", REGIONS.len())]
    PainMapLength {
        /// Regions given.
        got: usize,
    },
    /// A pain value outside VAS 0–10.
    #[error("pain for {} is VAS {vas}, outside 0–10", REGIONS.get(*region).map_or("?", |r| r.name))]
    PainOutOfRange {
        /// Region index.
        region: usize,
        /// The value given.
        vas: f64,
    },
    /// A wrong clinician PIN; `locked` when it was the last try before the lock-out.
    #[error("{}", AccessError::WrongPin { locked: *locked })]
    WrongPin {
        /// This failure locked the programmer.
        locked: bool,
    },
    /// The programmer is locked after repeated wrong PINs.
    #[error("{}", AccessError::LockedOut { remaining_s: *remaining_s })]
    LockedOut {
        /// Seconds left, s.
        remaining_s: f64,
    },
    /// A new PIN that is not 4–8 digits.
    #[error("{}", AccessError::BadPin)]
    BadPin,
    /// A PIN change whose old PIN is wrong.
    #[error("{}", AccessError::WrongOldPin)]
    WrongOldPin,
    /// A command sent while the patient is at home between visits.
    #[error("The patient is at home until the next visit, {:.1} days into the session", until_s / 86_400.0)]
    AtHome {
        /// When the next visit is, simulated s.
        until_s: f64,
    },
    /// A next visit sooner than an hour or later than two weeks (or not a number).
    #[error("The next visit must be 1 hour to 14 days away, not {after_s} s")]
    VisitGap {
        /// The gap asked, s.
        after_s: f64,
    },
    /// A PIN change during an exercise (a trainee must not lock the clinician out).
    #[error("The clinician PIN cannot be changed during an exercise")]
    PinChangeInExercise,
    /// A contact a single-contact (percutaneous) lead does not have.
    #[error("Lead {} is a single-contact percutaneous lead: contact {contact} does not exist (use contact 0 with the return pad as anode)", lead.saturating_add(1))]
    NoSuchContact {
        /// Lead index (0-based).
        lead: usize,
        /// Contact index.
        contact: usize,
    },
    /// MRI mode with a percutaneous lead in: it is MR unsafe and must come out first.
    #[error(
        "MR unsafe: a percutaneous lead must be removed before an MRI; MRI mode does not make it safe"
    )]
    MrUnsafe,
    /// Withdrawing a lead that is not percutaneous: an implanted lead comes out in surgery.
    #[error("Lead {} is implanted, not percutaneous: it comes out only in surgery", lead.saturating_add(1))]
    NotPercutaneous {
        /// Lead index (0-based).
        lead: usize,
    },
    /// A command for a percutaneous lead that has been withdrawn (therapy through it, its
    /// introducer, MRI mode, withdrawing it again).
    #[error("Lead {} has been withdrawn: stimulation through it has ended", lead.saturating_add(1))]
    LeadWithdrawn {
        /// Lead index (0-based).
        lead: usize,
    },
    /// Moving a lead that is deployed (its barbs hold it), or one that is not percutaneous.
    #[error("Lead {} is deployed: it can no longer be moved from the programmer", lead.saturating_add(1))]
    LeadDeployed {
        /// Lead index (0-based).
        lead: usize,
    },
    /// A command for another kind of implant than the one implanted (a pump's refill on a
    /// stimulator, a spinal placement for leads at nerves …).
    #[error("{0}")]
    WrongImplant(WrongKind),
    /// A drug pump, its programmer or its remote refused.
    #[error("{0}")]
    Pump(crate::implant::pump::PumpRefusal),
}

impl From<AccessError> for Refusal {
    /// The clinician programmer's lock refused: the same rule, as a recording stores it.
    fn from(e: AccessError) -> Refusal {
        match e {
            AccessError::WrongPin { locked } => Refusal::WrongPin { locked },
            AccessError::LockedOut { remaining_s } => Refusal::LockedOut { remaining_s },
            AccessError::BadPin => Refusal::BadPin,
            AccessError::WrongOldPin => Refusal::WrongOldPin,
        }
    }
}

impl Refusal {
    /// The same rule refused both (the values inside may differ).
    pub fn same_rule(&self, other: &Refusal) -> bool {
        std::mem::discriminant(self) == std::mem::discriminant(other)
            && match (self, other) {
                (Refusal::Remote(a), Refusal::Remote(b)) => a == b,
                (Refusal::Setting { field: a, .. }, Refusal::Setting { field: b, .. }) => a == b,
                (Refusal::Pump(a), Refusal::Pump(b)) => {
                    std::mem::discriminant(a) == std::mem::discriminant(b)
                }
                _ => true,
            }
    }
}
