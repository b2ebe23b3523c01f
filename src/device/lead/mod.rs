//! Leads, contacts, polarities and where the leads lie: the physical leads ([`model`]),
//! their place in the spine or at a nerve ([`placement`]), and the contact configuration
//! a program drives ([`electrodes`]).

pub mod electrodes;
pub mod model;
pub mod placement;

pub use crate::patient::spine::Vertebra;
pub use electrodes::{
    ActiveContact, ContactsError, Electrodes, NoSuchContact, Polarity, SplitError,
};
pub use model::{
    COILED_ELECTRODE_MM, COILED_WIRE_MM, CONTACT_DIAMETER_MM, CONTACT_GAP_MM, CONTACT_LENGTH_MM,
    CONTACT_PITCH_MM, CONTACTS_PER_LEAD, LeadModel, MAX_LEADS, contact_area_mm2, contact_offset_mm,
    contact_z_mm,
};
pub use placement::{
    LateralOutOfRange, MAX_LATERAL_MM, NerveLead, PERCUTANEOUS_MAX_DAYS, Placement,
};
