//! SETUP: the patient and how its implant is programmed, each kind's flags in its own
//! group (which kinds refuse a group is declared by the group), turned into a session.

mod apply;
mod build;
mod flags;
mod given;
mod nerve;
mod pump;
mod spine;
mod stim;

pub use build::{build, build_exercise};
pub use flags::Setup;
