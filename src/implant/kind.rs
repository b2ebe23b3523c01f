//! The kinds of implant, as files, scripts and refusals name them.

use serde::{Deserialize, Serialize};

/// The kinds of implant, as files and scripts name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImplantKind {
    /// Spinal cord stimulation: leads in the epidural space over the dorsal columns.
    Scs,
    /// Peripheral nerve stimulation: leads at a peripheral nerve (percutaneous, or
    /// subcutaneous across the nerve).
    Pns,
    /// An intrathecal drug pump: a reservoir and a catheter into the CSF.
    Pump,
}

impl ImplantKind {
    /// The kinds of stimulator (a pulse generator on leads).
    pub const STIMULATORS: &'static [ImplantKind] = &[ImplantKind::Scs, ImplantKind::Pns];

    /// Why an implant of this kind refuses a command only `takes` take, in the device's
    /// words.
    pub fn misplaced_words(self, takes: &[ImplantKind]) -> &'static str {
        match self {
            ImplantKind::Pump => {
                "This patient has a drug pump, not a stimulator: use the pump's programmer, remote and refill"
            }
            _ if takes.contains(&ImplantKind::Pump) => {
                "This patient has a stimulator, not a drug pump: there is no reservoir, drug or bolus to program"
            }
            ImplantKind::Pns => {
                "These leads lie at nerves, not in the spine: place them at a nerve"
            }
            ImplantKind::Scs => {
                "These leads lie in the spine, not at a nerve: place them at a vertebral level"
            }
        }
    }

    /// The stable name (`scs`, `pns`), as in `list patients --json`.
    pub fn name(self) -> &'static str {
        match self {
            ImplantKind::Scs => "scs",
            ImplantKind::Pns => "pns",
            ImplantKind::Pump => "pump",
        }
    }
}

/// A part of a patient's set-up that only some kinds of implant have: the command line's
/// flag groups each name the part they set, and the implant says whether it takes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetupPart {
    /// The stimulation settings (amplitude, pulse width, rate, contacts).
    Stimulation,
    /// Where epidural leads lie in the spine (level, offset, CSF).
    SpineLeads,
    /// Where leads lie at a peripheral nerve (nerve, distance).
    NerveLeads,
    /// A drug pump's prescription, reservoir and bolus.
    Pump,
}

const PUMP_NOT_STIMULATOR: &str = "an intrathecal drug pump, not a stimulator; use --drug, --concentration-mg-per-ml, --rate-ml-per-day, --reservoir-ml and the bolus flags";
const STIMULATOR_NOT_PUMP: &str =
    "a stimulator, not a drug pump; there is no drug, reservoir or bolus to set";

impl ImplantKind {
    /// Why an implant of this kind has no `part`, in the words that follow "patient 'ID'
    /// has " in a refusal; `None` when it takes it.
    pub fn lacks(self, part: SetupPart) -> Option<&'static str> {
        match (self, part) {
            (ImplantKind::Pump, SetupPart::Pump)
            | (ImplantKind::Scs, SetupPart::Stimulation | SetupPart::SpineLeads)
            | (ImplantKind::Pns, SetupPart::Stimulation | SetupPart::NerveLeads) => None,
            (ImplantKind::Pump, _) => Some(PUMP_NOT_STIMULATOR),
            (_, SetupPart::Pump) => Some(STIMULATOR_NOT_PUMP),
            (ImplantKind::Pns, _) => Some(
                "a peripheral nerve stimulator, whose leads lie at nerves, not in the spine; use --nerve and --distance-mm",
            ),
            (ImplantKind::Scs, _) => Some(
                "a spinal cord stimulator, whose leads lie in the spine, not at a nerve; use --lead-level and --lateral-mm",
            ),
        }
    }
}
