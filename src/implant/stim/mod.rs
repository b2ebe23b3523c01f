//! A pulse generator on leads: spinal cord stimulation (leads in the epidural space) and
//! peripheral nerve stimulation (leads at a nerve) share the device ([`crate::device`]),
//! the dorsal-horn gate and its time course, and the rules of the remote, the programmer
//! and the scene. What the leads reach is the stimulator's [`Target`] ([`target`]: one file
//! per kind, the spinal cord's fibres or a nerve's).

pub mod closed_loop;
mod ctx;
pub mod judge;
pub mod live_loop;
pub mod loop_check;
mod loop_rules;
pub mod mri;
mod mri_rules;
mod nerve;
mod programmer;
mod programs;
pub mod recording;
mod relief_map;
mod remote_keys;
pub mod report;
mod rules;
pub mod setup;
pub mod site;
pub mod stimulator;
pub mod target;
mod therapy;
mod world;

pub use relief_map::ReliefMap;
pub use stimulator::Stimulator;
pub use target::{Nerves, Spine, Target};
