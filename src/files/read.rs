//! Reading a file as text: only regular files, at most [`MAX_FILE_BYTES`], UTF-8 and not
//! empty; and telling a plain id from a path.

use super::error::FileError;
use std::path::Path;

/// Largest file scs-sim reads, bytes (a long session's log is well under this).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Reads a file as UTF-8 text, refusing empty files and binary data with a clear message.
///
/// Only regular files are read (a device, a pipe or a folder is refused before it is
/// opened, so `/dev/zero` or a FIFO cannot hang or exhaust the program), and at most
/// [`MAX_FILE_BYTES`].
pub fn read_text(path: &Path) -> Result<String, FileError> {
    use std::io::Read;
    let io = |e: std::io::Error| FileError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(FileError::whole(
            path,
            "not a regular file (a folder, device or pipe); give the path of a RON file",
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big(path));
    }
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .map_err(io)?
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    text_from_bytes(path, &bytes)
}

fn too_big(path: &Path) -> FileError {
    FileError::whole(
        path,
        format!(
            "the file is larger than {} MB; scs-sim files are far smaller",
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
}

/// Checks raw bytes are non-empty UTF-8 text of at most [`MAX_FILE_BYTES`].
pub fn text_from_bytes(path: &Path, bytes: &[u8]) -> Result<String, FileError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big(path));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(FileError::whole(path, "the file is empty"));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) if s.contains('\0') => Err(FileError::whole(
            path,
            "the file is binary data, not a RON text file",
        )),
        Ok(s) => Ok(s.to_string()),
        Err(e) => Err(FileError::whole(
            path,
            format!(
                "the file is not UTF-8 text (invalid byte at offset {}); expected a RON text file",
                e.valid_up_to()
            ),
        )),
    }
}

/// Whether `name` is a plain id (`fbss`, `practice:42`, `leg-coverage`), not a path.
pub fn is_plain_id(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':'))
}
