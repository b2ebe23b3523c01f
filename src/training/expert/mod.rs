//! The expert way through an exercise, planned from the model: timed clinician commands,
//! each step in plain words. One place serves the test suite (which plays the plan and
//! grades it) and the debrief's "what an expert would do", so the advice given is always
//! advice that works: it never programs a faulty contact, and its numbers are the
//! patient's own.
//!
//! Spinal cord exercises are planned by the programming assistant
//! ([`super::assistant`]) and then titrated against the goal; peripheral nerve exercises
//! by searching contacts, introducer distance and amplitude on copies of the session, as
//! a clinician would by test stimulation. Every candidate is judged by the same goal as
//! the score, on the steady state it settles to.

mod builder;
mod closed_loop;
mod mri;
mod nerve;
mod plan;
mod play;
mod pump;
mod spinal;
mod steps;
mod thresholds;
mod titrate;
mod titration;
mod words;

pub use plan::plan;
pub use play::{PlayError, play};
pub use steps::{ExpertPlan, ExpertStep, TimedCommand};
pub use titration::{WATCH_DAYS, careful_titration, play_titration};
pub use words::contacts_words;
