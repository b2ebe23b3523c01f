//! Writing RON files atomically: a temporary file beside the target, then a rename, so a
//! crash never leaves half a file.

use super::error::FileError;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// Writes `value` as pretty RON to `path` atomically: a temporary file beside it, then a
/// rename, so a crash never leaves half a file.
pub fn save_ron<T: Serialize>(path: &Path, value: &T) -> Result<(), FileError> {
    write_atomic(path, ron_text(path, value)?.as_bytes())
}

/// `value` as the pretty RON text [`save_ron`] writes (`path` names it in errors).
pub fn ron_text<T: Serialize>(path: &Path, value: &T) -> Result<String, FileError> {
    let config = ron::ser::PrettyConfig::new().struct_names(true);
    ron::ser::to_string_pretty(value, config).map_err(|e| FileError::Io {
        path: path.to_path_buf(),
        message: format!("cannot encode: {e}"),
    })
}

/// Writes bytes to `path` through a temporary file and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let io = |e: std::io::Error| FileError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| FileError::whole(path, "not a file name"))?;
    let tmp = dir.join(format!(
        ".{}.tmp-{}",
        name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(io)
}
