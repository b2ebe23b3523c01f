//! An intrathecal drug pump (IDDS): the programmable pump and its catheter
//! ([`Pump`]), what the programmer, the patient's remote and the scene may do with it
//! ([`rules`]), and the body's answer ([`crate::patient::pharmacology`]). Facts and
//! numbers from `REFERENCES-IDDS.md` in the shared notes.

pub mod alarm;
mod bolus;
pub mod catheter;
pub mod clock;
pub mod command;
pub mod device;
pub mod fill;
pub mod goal;
pub mod implant;
pub mod judge;
pub mod mri;
mod mri_record;
pub mod refill;
mod refill_steps;
pub mod refusal;
pub mod report;
pub mod rules;
mod scene;
pub mod setup;
mod therapy;
pub mod titration;
pub mod units;
pub mod words;

pub use alarm::Alarm;
pub use clock::{GRID_S, START_CLOCK_H, clock_words};
pub use command::{Kit, Port, PumpEdit, PumpEvent, PumpKey, RefillStep};
pub use device::{BolusLimits, FlexStep, Mode, Pump, flex_mean};
pub use fill::Fill;
pub use implant::PumpImplant;
pub use refusal::PumpRefusal;
pub use units::dose_words;
