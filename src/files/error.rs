//! Why a file could not be used: each problem with its place (file, line, column).

use super::echo::{readable, shorten_path};
use std::fmt;
use std::path::{Path, PathBuf};

/// One problem in a file, with where it is when that is known.
#[derive(Clone, Debug, PartialEq)]
pub struct Located {
    /// 1-based line, or 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// What is wrong, in one sentence.
    pub message: String,
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}

/// Why a file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The file could not be read or written.
    #[error("{}: {message}", shorten_path(path))]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        message: String,
    },
    /// A save would replace something that is not a regular file (a symbolic link, a
    /// folder, a device or a pipe): scs-sim refuses rather than put a file in its place.
    #[error(
        "{}: this is {}, not a regular file; scs-sim saves only to a new or regular file and never replaces anything else: choose another file name",
        shorten_path(path),
        kind.words()
    )]
    NotRegular {
        /// The target named.
        path: PathBuf,
        /// What it is.
        kind: Special,
    },
    /// The file's content is wrong; every problem found, with its place.
    #[error("{}", render(path, problems))]
    Invalid {
        /// The file.
        path: PathBuf,
        /// Every problem, in file order.
        problems: Vec<Located>,
    },
}

fn render(path: &Path, problems: &[Located]) -> String {
    problems
        .iter()
        .map(|p| {
            let message = readable(&p.message);
            let path = shorten_path(path);
            if p.line == 0 {
                format!("{path}: {message}")
            } else {
                format!("{path}:{}:{}: {message}", p.line, p.col)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// What a path names when it is not a regular file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Special {
    /// A symbolic link (saving would replace the link, not the file it points to).
    Link,
    /// A folder.
    Folder,
    /// A named pipe (FIFO).
    Pipe,
    /// A device (`/dev/null`, a disk, a terminal).
    Device,
    /// A socket or anything else that is not a file.
    Other,
}

impl Special {
    /// What `meta` (read without following a link) describes, if it is not a regular file.
    pub fn of(meta: &std::fs::Metadata) -> Option<Special> {
        let t = meta.file_type();
        if t.is_file() {
            return None;
        }
        Some(if t.is_symlink() {
            Special::Link
        } else if t.is_dir() {
            Special::Folder
        } else if is_pipe(t) {
            Special::Pipe
        } else if is_device(t) {
            Special::Device
        } else {
            Special::Other
        })
    }

    /// In words, with its article.
    pub fn words(self) -> &'static str {
        match self {
            Special::Link => "a symbolic link",
            Special::Folder => "a folder",
            Special::Pipe => "a named pipe",
            Special::Device => "a device",
            Special::Other => "a special file",
        }
    }
}

#[cfg(unix)]
fn is_pipe(t: std::fs::FileType) -> bool {
    std::os::unix::fs::FileTypeExt::is_fifo(&t)
}

#[cfg(unix)]
fn is_device(t: std::fs::FileType) -> bool {
    use std::os::unix::fs::FileTypeExt;
    t.is_char_device() || t.is_block_device()
}

#[cfg(not(unix))]
fn is_pipe(_: std::fs::FileType) -> bool {
    false
}

#[cfg(not(unix))]
fn is_device(_: std::fs::FileType) -> bool {
    false
}

impl FileError {
    /// A problem concerning the whole file.
    pub fn whole(path: &Path, message: impl Into<String>) -> FileError {
        FileError::Invalid {
            path: path.to_path_buf(),
            problems: vec![Located {
                line: 0,
                col: 0,
                message: message.into(),
            }],
        }
    }
}
