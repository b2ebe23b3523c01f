//! Where the running session is autosaved, so that a crash or a closed tab loses nothing:
//! a file in the app's data folder on the desktop, the browser's local storage on the web.

use crate::files;
use crate::session::record::{self, Recording};
use std::path::{Path, PathBuf};

/// Where the autosave lives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Autosave {
    /// A file (on the desktop).
    File(PathBuf),
    /// An entry of the browser's local storage (in a web build).
    #[cfg(target_arch = "wasm32")]
    Browser,
}

/// The local-storage key of the browser's autosave.
#[cfg(target_arch = "wasm32")]
const BROWSER_KEY: &str = "scs-sim-autosave";

impl Autosave {
    /// The name errors give the autosave.
    fn name(&self) -> &Path {
        match self {
            Autosave::File(path) => path,
            #[cfg(target_arch = "wasm32")]
            Autosave::Browser => Path::new("the browser's autosave"),
        }
    }

    /// The session saved there, if a readable one is (a clean exit removes it).
    pub fn read(&self) -> Option<Recording> {
        let text = match self {
            Autosave::File(path) => files::read_text(path).ok()?,
            #[cfg(target_arch = "wasm32")]
            Autosave::Browser => eframe::web::storage::local_storage_get(BROWSER_KEY)?,
        };
        record::parse(self.name(), &text).ok()
    }

    /// Saves `recording` there (a file atomically, its folder made if missing).
    pub fn write(&self, recording: &Recording) -> Result<(), String> {
        let text = files::ron_text(self.name(), recording).map_err(|e| e.to_string())?;
        match self {
            Autosave::File(path) => {
                if let Some(dir) = path.parent() {
                    let _ = std::fs::create_dir_all(dir);
                }
                files::write_atomic(path, text.as_bytes()).map_err(|e| e.to_string())
            }
            #[cfg(target_arch = "wasm32")]
            Autosave::Browser => {
                eframe::web::storage::local_storage_set(BROWSER_KEY, &text);
                Ok(())
            }
        }
    }

    /// Removes the autosave (a clean exit).
    pub fn remove(&self) {
        match self {
            Autosave::File(path) => {
                let _ = std::fs::remove_file(path);
            }
            #[cfg(target_arch = "wasm32")]
            Autosave::Browser => eframe::web::storage::local_storage_remove(BROWSER_KEY),
        }
    }
}
