//! The window: a patient remote beside the patient, with what happens inside the body.
//! The GUI only sends Commands and draws views; every rule lives in the core.
//!
//! The window is a shell ([`App`]) of panels. Each panel owns its own state, draws from a
//! read-only [`request::Shared`] view of the session and returns [`request::Request`]s,
//! which the shell applies after drawing.

mod apply;
mod autosave;
mod body_map;
mod body_outline;
mod clinician;
mod clinician_settings;
mod clock;
mod cohort_chart;
mod compare;
mod cross_section;
mod debrief;
mod dermatomes;
mod export;
mod file_io;
mod gate;
mod help;
mod inside;
mod keys;
mod label;
mod lead_diagram;
#[cfg(not(target_arch = "wasm32"))]
mod native;
pub mod nerve_view;
mod patient;
pub mod plots;
pub mod prefs;
pub mod presenter;
mod pump_inside;
mod pump_patient;
mod pump_programmer;
mod pump_refill;
mod pump_remote;
mod recovery;
mod relief_map;
pub mod remote;
pub mod remote_screen;
mod replay_bar;
pub mod request;
mod shell;
mod spine;
mod stepper;
mod summary;
mod teacher;
mod toolbar;
#[cfg(target_arch = "wasm32")]
pub mod web;

pub use shell::App;

/// Who is at the controls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// The patient with the remote.
    Patient,
    /// The clinician programmer (PIN).
    Clinician,
    /// The teacher's controls.
    Teach,
}

/// A scrolling side panel for the clinician's or the teacher's tools; returns what the
/// tools asked for.
fn tool_panel<R: Default>(
    ui: &mut egui::Ui,
    id: &str,
    tools: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    let width = if id == "clinician" { 600.0 } else { 440.0 };
    let mut out = R::default();
    egui::Panel::left(id)
        .exact_size(width)
        .resizable(false)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| out = tools(ui));
        });
    out
}

/// Opens the window on the remembered (or built-in default) patient.
#[cfg(not(target_arch = "wasm32"))]
pub fn run() -> anyhow::Result<()> {
    native::run(None)
}

/// Opens the window on patient `id` (a built-in id, stimulator or drug pump).
#[cfg(not(target_arch = "wasm32"))]
pub fn run_on(id: &str) -> anyhow::Result<()> {
    native::run(Some(id.to_string()))
}
