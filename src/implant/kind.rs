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
    /// The stable name (`scs`, `pns`), as in `list patients --json`.
    pub fn name(self) -> &'static str {
        match self {
            ImplantKind::Scs => "scs",
            ImplantKind::Pns => "pns",
            ImplantKind::Pump => "pump",
        }
    }
}
