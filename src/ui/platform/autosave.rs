//! Where the running session is autosaved, so that a crash or a closed tab loses nothing:
//! a file in the app's data folder on the desktop, the browser's local storage on the web.

use crate::files;
use crate::session::record::{self, Integrity, Recording};
use crate::training::exercise;
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

/// The local-storage key a refused autosave is kept under.
#[cfg(target_arch = "wasm32")]
const REFUSED_KEY: &str = "scs-sim-autosave-refused";

/// Whether an autosave may be restored: sealed by scs-sim and unchanged since, and its
/// exercise (if any) one this build has. The reason in words if not.
fn trusted(rec: &Recording) -> Result<(), String> {
    match rec.integrity() {
        Integrity::Intact => {}
        other => return Err(format!("it is {}", other.words())),
    }
    match rec.exercise.as_deref() {
        Some(id) if exercise::find(id).is_err() => Err(format!(
            "it names the exercise '{}', which is not built in",
            files::shorten(id)
        )),
        _ => Ok(()),
    }
}

impl Autosave {
    /// The name errors give the autosave.
    fn name(&self) -> &Path {
        match self {
            Autosave::File(path) => path,
            #[cfg(target_arch = "wasm32")]
            Autosave::Browser => Path::new("the browser's autosave"),
        }
    }

    /// The session saved there (`None`: nothing is, as after a clean exit). One that is
    /// damaged, edited (its checksum no longer matches, or it has none) or names an
    /// exercise this build does not have is refused in one sentence, and kept aside (see
    /// [`Autosave::keep_aside`]) so that nothing is lost and the next autosave does not
    /// overwrite it.
    pub fn read(&self) -> Result<Option<Recording>, String> {
        let text = match self {
            Autosave::File(path) if !path.exists() => return Ok(None),
            Autosave::File(path) => files::read_text(path).map_err(|e| e.to_string()),
            #[cfg(target_arch = "wasm32")]
            Autosave::Browser => match eframe::web::storage::local_storage_get(BROWSER_KEY) {
                None => return Ok(None),
                Some(text) => Ok(text),
            },
        };
        let checked = text.and_then(|text| {
            let rec = record::parse(self.name(), &text).map_err(|e| e.to_string())?;
            trusted(&rec)?;
            Ok(rec)
        });
        checked.map(Some).map_err(|why| {
            format!(
                "The session autosaved before was not restored: {why}; it is kept as {}",
                self.keep_aside()
            )
        })
    }

    /// Moves a refused autosave out of the way, where the next autosave does not overwrite
    /// it: `autosave.refused.ron` beside it (in a browser, another storage key). Returns
    /// where it is now, in words.
    fn keep_aside(&self) -> String {
        match self {
            Autosave::File(path) => {
                let aside = path.with_extension("refused.ron");
                match std::fs::rename(path, &aside) {
                    Ok(()) => aside.display().to_string(),
                    Err(_) => path.display().to_string(),
                }
            }
            #[cfg(target_arch = "wasm32")]
            Autosave::Browser => {
                use eframe::web::storage::{local_storage_get, local_storage_set};
                if let Some(text) = local_storage_get(BROWSER_KEY) {
                    local_storage_set(REFUSED_KEY, &text);
                    eframe::web::storage::local_storage_remove(BROWSER_KEY);
                }
                format!("the browser's storage entry '{REFUSED_KEY}'")
            }
        }
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
