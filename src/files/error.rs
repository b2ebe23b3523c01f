//! Why a file could not be used: each problem with its place (file, line, column).

use super::echo::{cut_quoted, shorten_path};
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
            let message = cut_quoted(&p.message);
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
