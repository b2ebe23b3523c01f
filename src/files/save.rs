//! Writing RON files atomically: a temporary file beside the target, then a rename, so a
//! crash never leaves half a file.

use super::echo::shorten_path;
use super::error::{FileError, Special};
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

/// Refuses a save target that exists and is not a regular file (a symbolic link, a
/// folder, a device such as `/dev/null`, a named pipe): the rename would put a regular
/// file in its place. A missing target or a regular file is fine, in a folder that exists.
pub fn check_save_target(path: &Path) -> Result<(), FileError> {
    if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !dir.is_dir()
    {
        return Err(FileError::whole(
            path,
            format!(
                "the folder {} does not exist; make it first or save elsewhere",
                shorten_path(dir)
            ),
        ));
    }
    match std::fs::symlink_metadata(path) {
        Ok(meta) => match Special::of(&meta) {
            Some(kind) => Err(FileError::NotRegular {
                path: path.to_path_buf(),
                kind,
            }),
            None => Ok(()),
        },
        Err(_) => Ok(()),
    }
}

/// Writes bytes to `path` through a temporary file and a rename; a target that is not a
/// regular file is refused first ([`check_save_target`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    check_save_target(path)?;
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
        // A leftover of a crashed save goes first; `create_new` never follows a link
        // someone left at the temporary name.
        let _ = std::fs::remove_file(&tmp);
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(io)
}
