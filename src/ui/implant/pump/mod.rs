//! A drug pump's panels: the patient's pump remote, the clinician's pump programmer and
//! its refill workflow, the patient, and the drug in the spinal fluid.

pub mod drug_picker;
pub mod inside;
pub mod panels;
pub mod patient;
pub mod programmer;
pub mod refill;
pub mod remote;
