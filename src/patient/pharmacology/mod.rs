//! A toy intrathecal pharmacology: one CSF compartment per drug (REFERENCES-IDDS §5), a
//! steep spread from the catheter tip by cord segment (boluses spread further), an effect
//! site that follows the CSF with each drug's onset, a brainstem compartment fed by
//! rostral spread (respiratory depression hours after a morphine bolus), plasma, and
//! tolerance (opioids: over months, shared by the family) with withdrawal when delivery
//! falls. It answers what reaches the CSF (a
//! [`Delivery`]) and imports nothing above the body.

pub mod compartments;
pub mod drug;
pub mod effects;
pub mod state;
pub mod tolerance;

pub use compartments::{Delivery, POCKET_ABSORPTION_PER_H, Pharmacology, tip_segment};
pub use drug::{Drug, Family, Kinetics};
pub use effects::{Effects, Vitals};
pub use state::DrugState;
