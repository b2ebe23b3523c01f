//! The leads themselves: the cylindrical lead's eight contacts and their sizes, the coiled
//! percutaneous lead's single one, and where each contact sits.

use crate::patient::anatomy::vertebra_top_mm;
use crate::patient::spine::Vertebra;
use serde::{Deserialize, Serialize};

/// Contacts on one percutaneous lead (contact 0 is the distal tip).
pub const CONTACTS_PER_LEAD: usize = 8;
/// Most leads one pulse generator drives.
pub const MAX_LEADS: usize = 2;
/// Contact diameter in mm (a cylindrical band of a percutaneous lead).
pub const CONTACT_DIAMETER_MM: f64 = 1.3;
/// Contact length in mm.
pub const CONTACT_LENGTH_MM: f64 = 3.0;
/// Gap between neighbouring contacts in mm.
pub const CONTACT_GAP_MM: f64 = 4.0;
/// Centre-to-centre distance between neighbouring contacts in mm.
pub const CONTACT_PITCH_MM: f64 = CONTACT_LENGTH_MM + CONTACT_GAP_MM;

/// Side area of one contact in mm²: the band's surface, π·d·L (≈ 12.25 mm²).
pub fn contact_area_mm2() -> f64 {
    std::f64::consts::PI * CONTACT_DIAMETER_MM * CONTACT_LENGTH_MM
}

/// Centre of contact `k` of a lead whose tip sits at the top of `level`, mm down the canal
/// from the top of C1.
pub fn contact_z_mm(level: Vertebra, k: usize) -> f64 {
    vertebra_top_mm(level.index()) + 1.5 + CONTACT_PITCH_MM * k as f64
}

/// Centre of contact `k` along a lead, mm from its tip.
pub fn contact_offset_mm(k: usize) -> f64 {
    1.5 + CONTACT_PITCH_MM * k as f64
}

/// Diameter of the wire of a coiled percutaneous PNS lead, mm (SPRINT: about 0.2 mm).
pub const COILED_WIRE_MM: f64 = 0.2;
/// Exposed length of the coiled lead's single electrode, mm. An assumption: the
/// manufacturer's figure is not in our sources (REFERENCES-PNS §1).
pub const COILED_ELECTRODE_MM: f64 = 10.0;

/// The kind of lead.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum LeadModel {
    /// The cylindrical lead of 8 contacts (spinal cord stimulation; placed subcutaneously
    /// across a peripheral nerve for occipital nerve stimulation) on an implanted generator.
    #[default]
    Cylindrical,
    /// A percutaneous coiled wire with one contact (SPRINT-like), barbed, indwelling up to
    /// 60 days, on a wearable external generator; the return is a skin pad (the "case").
    Coiled,
}

impl LeadModel {
    /// Contacts on the lead.
    pub fn contacts(self) -> usize {
        match self {
            LeadModel::Cylindrical => CONTACTS_PER_LEAD,
            LeadModel::Coiled => 1,
        }
    }

    /// Surface of one contact, mm².
    pub fn contact_area_mm2(self) -> f64 {
        match self {
            LeadModel::Cylindrical => contact_area_mm2(),
            LeadModel::Coiled => std::f64::consts::PI * COILED_WIRE_MM * COILED_ELECTRODE_MM,
        }
    }

    /// Stable name (`cylindrical`, `coiled`).
    pub fn name(self) -> &'static str {
        match self {
            LeadModel::Cylindrical => "cylindrical",
            LeadModel::Coiled => "coiled",
        }
    }
}
