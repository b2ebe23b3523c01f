//! The window: a patient remote beside the patient, with what happens inside the body.
//! The GUI only sends Commands and draws views; every rule lives in the core.
//!
//! The window is a shell ([`App`], in `shell/`) of panels. Each panel owns its own state,
//! draws from a read-only [`request::Shared`] view of the session and returns
//! [`request::Request`]s, which the shell applies after drawing. Each implant's panels
//! live in `implant/` (one folder per kind); the teacher's in `teach/`; pictures every
//! panel may draw in `draw/`; how the window starts and where its files go, desktop or
//! browser, in `platform/`.

mod answers;
mod brief;
pub mod chart;
pub mod class;
mod draw;
mod implant;
mod login;
mod mode;
mod platform;
pub mod prefs;
pub mod presenter;
pub mod request;
mod shell;
mod teach;

pub use implant::stim::{nerve_view, remote, remote_screen};
pub use mode::Mode;
#[cfg(target_arch = "wasm32")]
pub use platform::web;
pub use shell::App;

/// Opens the window on the remembered (or built-in default) patient.
#[cfg(not(target_arch = "wasm32"))]
pub fn run() -> anyhow::Result<()> {
    platform::native::run(None, None)
}

/// Opens the window read-only on a watch or follow link.
#[cfg(not(target_arch = "wasm32"))]
pub fn run_watch(link: &str) -> anyhow::Result<()> {
    platform::native::run(
        None,
        Some(platform::native::Opening::Watch(link.to_string())),
    )
}

/// Opens the window on a class: the *Join class* window on the class at `address`.
#[cfg(not(target_arch = "wasm32"))]
pub fn run_class(address: &str) -> anyhow::Result<()> {
    platform::native::run(
        None,
        Some(platform::native::Opening::Class(address.to_string())),
    )
}

/// Opens the window on patient `id` (a built-in id, stimulator or drug pump).
#[cfg(not(target_arch = "wasm32"))]
pub fn run_on(id: &str) -> anyhow::Result<()> {
    platform::native::run(Some(id.to_string()), None)
}
