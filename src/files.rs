//! Reading and writing RON files: clear errors with file, line and column; atomic saves.

use serde::Serialize;
use serde::de::DeserializeOwned;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

/// File format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

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

/// Why a file could not be used.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// The file could not be read or written.
    #[error("{path}: {message}")]
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
            if p.line == 0 {
                format!("{}: {}", path.display(), p.message)
            } else {
                format!("{}:{}:{}: {}", path.display(), p.line, p.col, p.message)
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

/// Reads a file as UTF-8 text, refusing empty files and binary data with a clear message.
pub fn read_text(path: &Path) -> Result<String, FileError> {
    let bytes = std::fs::read(path).map_err(|e| FileError::Io {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    text_from_bytes(path, &bytes)
}

/// Checks raw bytes are non-empty UTF-8 text.
pub fn text_from_bytes(path: &Path, bytes: &[u8]) -> Result<String, FileError> {
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

/// The struct name a RON text starts with (`Program`, `Patient`, …), skipping comments.
pub fn leading_name(text: &str) -> Option<&str> {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("//") {
            rest = r.split_once('\n').map_or("", |(_, after)| after);
        } else if let Some(r) = rest.strip_prefix("/*") {
            rest = r.split_once("*/").map_or("", |(_, after)| after);
        } else if let Some(r) = rest.strip_prefix("#![") {
            rest = r.split_once(']').map_or("", |(_, after)| after);
        } else {
            break;
        }
    }
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// Parses RON into `T`, first checking the top-level `version` field; syntax and type errors
/// carry line and column.
pub fn parse_ron<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T, FileError> {
    parse_ron_version(path, text, FORMAT_VERSION)
}

/// Like [`parse_ron`] for a kind of file whose present format version is `current`.
pub fn parse_ron_version<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    current: u32,
) -> Result<T, FileError> {
    check_version(path, text, current)?;
    ron::from_str(text).map_err(|e| FileError::Invalid {
        path: path.to_path_buf(),
        problems: vec![Located {
            line: e.span.start.line,
            col: e.span.start.col,
            message: describe_ron(&e.code),
        }],
    })
}

fn describe_ron(code: &ron::Error) -> String {
    let text = code.to_string();
    match code {
        ron::Error::Eof => "the file ends too early (is it truncated?)".into(),
        _ => text,
    }
}

fn check_version(path: &Path, text: &str, current: u32) -> Result<(), FileError> {
    let Some((line, col, value)) = find_field(text, "version") else {
        return Err(FileError::whole(
            path,
            format!("no `version` field; add `version: {current}`"),
        ));
    };
    let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
    match digits.parse::<u32>() {
        Ok(v) if v > current => Err(FileError::Invalid {
            path: path.to_path_buf(),
            problems: vec![Located {
                line,
                col,
                message: format!(
                    "written by a newer scs-sim (format version {v}); this one reads version {current}: update scs-sim"
                ),
            }],
        }),
        Ok(0) | Err(_) => Err(FileError::Invalid {
            path: path.to_path_buf(),
            problems: vec![Located {
                line,
                col,
                message: format!("`version` must be a whole number from 1 to {current}"),
            }],
        }),
        Ok(_) => Ok(()),
    }
}

/// Finds `name:` as a field in RON text: its 1-based line and column and the text after
/// the colon. Occurrences inside comments and strings are not told apart; the first wins.
pub fn find_field<'a>(text: &'a str, name: &str) -> Option<(usize, usize, &'a str)> {
    find_nth_field(text, name, 0)
}

/// Like [`find_field`], the `nth` (0-based) occurrence.
pub fn find_nth_field<'a>(
    text: &'a str,
    name: &str,
    nth: usize,
) -> Option<(usize, usize, &'a str)> {
    let mut seen = 0;
    for (line_no, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        let mut search = 0;
        while let Some(pos) = code[search..].find(name) {
            let at = search + pos;
            search = at + name.len();
            let before_ok =
                at == 0 || !code[..at].ends_with(|c: char| c.is_ascii_alphanumeric() || c == '_');
            let after = code[search..].trim_start();
            if before_ok && after.starts_with(':') {
                if seen == nth {
                    return Some((
                        line_no + 1,
                        code[..at].chars().count() + 1,
                        after[1..].trim_start(),
                    ));
                }
                seen += 1;
            }
        }
    }
    None
}

/// A validation problem placed at its field's (nth) occurrence, or on the whole file.
pub fn locate(text: &str, field: &str, nth: usize, message: String) -> Located {
    match find_nth_field(text, field, nth).or_else(|| find_field(text, field)) {
        Some((line, col, _)) => Located { line, col, message },
        None => Located {
            line: 0,
            col: 0,
            message,
        },
    }
}

/// Writes `value` as pretty RON to `path` atomically: a temporary file beside it, then a
/// rename, so a crash never leaves half a file.
pub fn save_ron<T: Serialize>(path: &Path, value: &T) -> Result<(), FileError> {
    let config = ron::ser::PrettyConfig::new().struct_names(true);
    let text = ron::ser::to_string_pretty(value, config).map_err(|e| FileError::Io {
        path: path.to_path_buf(),
        message: format!("cannot encode: {e}"),
    })?;
    write_atomic(path, text.as_bytes())
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

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}
