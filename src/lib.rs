//! scs-sim: a simulator of implantable pain therapies — spinal cord stimulation, peripheral
//! nerve stimulation and the intrathecal drug pump — for trainees and teachers.
//!
//! The body (`patient`) knows nothing of the implant (`device`), which turns its programs
//! into a stimulus the body responds to; `library` builds both from patient files.
//! The core (device, patient, session) never touches egui; the GUI lives behind the
//! default `gui` feature. Every change of state is a [`session::Command`] applied by
//! [`session::Session::apply`]; time is simulated and randomness seeded.

pub mod clinician;
pub mod device;
pub mod files;
pub mod implant;
pub mod library;
pub mod patient;
pub mod remote;
#[cfg(all(feature = "server", not(target_arch = "wasm32")))]
pub mod server;
pub mod session;
pub mod training;
#[cfg(feature = "gui")]
pub mod ui;
