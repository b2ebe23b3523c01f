//! Where the desktop and the browser differ: how the window starts (`native.rs`,
//! `web.rs`), where files go (`file_io.rs`) and where the running session is autosaved
//! (`autosave.rs`).

pub mod autosave;
pub mod file_io;
#[cfg(not(target_arch = "wasm32"))]
pub mod native;
#[cfg(target_arch = "wasm32")]
pub mod web;
