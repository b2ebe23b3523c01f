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

/// Whether `name` is a plain id (`fbss`, `practice:42`, `leg-coverage`), not a path.
pub fn is_plain_id(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':'))
}

/// Echoed input cut to a readable length (a flag's value, a name from a file).
pub fn shorten(text: &str) -> String {
    const MAX: usize = 60;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        let head: String = text.chars().take(MAX).collect();
        format!("{head}… ({} characters)", text.chars().count())
    }
}

/// A path as shown in messages: whole when readable, else `…` and its last characters
/// (the file's name is what tells it apart).
pub fn shorten_path(path: &Path) -> String {
    const MAX: usize = 120;
    let text = path.display().to_string();
    let count = text.chars().count();
    if count <= MAX {
        return text;
    }
    let tail: String = text.chars().skip(count - 60).collect();
    format!("…{tail} (a path of {count} characters)")
}

/// A message with every quoted echo of input ('like this') far longer than [`shorten`]
/// keeps cut to a readable length (an echo already cut is left as it is).
pub fn cut_quoted(message: &str) -> String {
    const LONG: usize = 100;
    let chars: Vec<char> = message.chars().collect();
    let mut out = String::with_capacity(message.len().min(4096));
    let mut i = 0;
    // Once no closing quote is left, none will be found further on.
    let mut closes_left = true;
    while i < chars.len() {
        let c = chars[i];
        let opens = c == '\''
            && closes_left
            && (i == 0 || chars[i - 1].is_whitespace() || matches!(chars[i - 1], '(' | '[' | ':'));
        let close = if opens {
            (i + 1..chars.len()).find(|&j| {
                chars[j] == '\''
                    && chars
                        .get(j + 1)
                        .is_none_or(|n| n.is_whitespace() || ",.:;)!?]".contains(*n))
            })
        } else {
            None
        };
        match close {
            Some(j) => {
                let inner: String = chars[i + 1..j].iter().collect();
                out.push('\'');
                if j - i - 1 > LONG {
                    out.push_str(&shorten(&inner));
                } else {
                    out.push_str(&inner);
                }
                out.push('\'');
                i = j + 1;
            }
            None => {
                closes_left &= !opens;
                out.push(c);
                i += 1;
            }
        }
    }
    out
}

/// Largest file scs-sim reads, bytes (a long session's log is well under this).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

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
    parse_ron_versioned(path, text, FORMAT_VERSION, "")
}

/// Parses RON of a kind whose current format is `current`; an older version is refused
/// with `older` (what changed and what to do), unless `older` is empty.
pub fn parse_ron_versioned<T: DeserializeOwned>(
    path: &Path,
    text: &str,
    current: u32,
    older: &str,
) -> Result<T, FileError> {
    check_version(path, text, current, older)?;
    ron::from_str(text).map_err(|e| FileError::Invalid {
        path: path.to_path_buf(),
        problems: vec![Located {
            line: e.span.start.line,
            col: e.span.start.col,
            message: describe_ron(&e.code),
        }],
    })
}

/// A RON error in the file's own terms: what was expected there, in plain words (no
/// Rust or RON jargon such as enums, structs or raw identifiers).
fn describe_ron(code: &ron::Error) -> String {
    use ron::Error as E;
    match code {
        E::Eof => "the file ends too early (is it truncated?)".into(),
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => format!(
            "'{}' is not {} this file allows here; expected {}",
            shorten(found),
            thing(outer.as_deref(), "a word"),
            choices(expected)
        ),
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => format!(
            "'{}' is not a field of {}; the fields are {}",
            shorten(found),
            thing(outer.as_deref(), "this entry"),
            choices(expected)
        ),
        E::MissingStructField { field, outer } => format!(
            "the field '{field}' is missing from {}",
            thing(outer.as_deref(), "this entry")
        ),
        E::DuplicateStructField { field, outer } => format!(
            "the field '{field}' is written twice in {}; keep one",
            thing(outer.as_deref(), "this entry")
        ),
        E::ExpectedDifferentStructName { expected, found } => {
            format!("expected {expected}( here, not {}(", shorten(found))
        }
        E::ExpectedNamedStructLike(name) if !name.is_empty() => {
            format!("expected {name}( here")
        }
        E::ExpectedStructName(name) => format!("expected the name {name} before the ( here"),
        E::InvalidValueForType { expected, found } => format!(
            "expected {} here, found {}",
            kind_words(expected),
            shorten(found)
        ),
        E::ExpectedDifferentLength { expected, found } => {
            format!("expected {}, found {found} item(s)", kind_words(expected))
        }
        E::InvalidIdentifier(name) | E::SuggestRawIdentifier(name) => format!(
            "'{}' is not a name scs-sim files use: names are letters, digits and _ (e.g. Tonic, pulse_width_us); text goes in double quotes",
            shorten(name)
        ),
        E::UnexpectedChar(c) => format!("unexpected character {c:?} here"),
        E::Message(m) => serde_words(m),
        other => syntax_words(other),
    }
}

/// Syntax errors without details, in plain words.
fn syntax_words(code: &ron::Error) -> String {
    use ron::Error as E;
    let words = match code {
        E::ExpectedArray => "expected a list here, in [ ]",
        E::ExpectedArrayEnd => "expected ] to close the list, or a comma before the next item",
        E::ExpectedBoolean => "expected true or false here",
        E::ExpectedComma => "expected a comma between two entries",
        E::ExpectedFloat => "expected a number here (e.g. 2.5)",
        E::ExpectedInteger => "expected a whole number here (e.g. 300)",
        E::IntegerOutOfBounds => "this whole number is too large (or negative where it cannot be)",
        E::FloatUnderscore | E::UnderscoreAtBeginning | E::InvalidIntegerDigit { .. } => {
            "this number is not written as scs-sim reads numbers (digits, a point, digits: 2.5)"
        }
        E::ExpectedOption => "expected Some(...) or None here",
        E::ExpectedOptionEnd | E::ExpectedStructLikeEnd => {
            "expected ) to close the brackets, or a comma before the next entry"
        }
        E::ExpectedMap => "expected a map here, in { } (e.g. {\"low_back\": 6.5})",
        E::ExpectedMapColon => "expected : between a name and its value",
        E::ExpectedMapEnd => "expected } to close the map, or a comma before the next entry",
        E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => "expected ( here",
        E::ExpectedUnit => "expected () here",
        E::ExpectedString => "expected text in double quotes here (e.g. \"Tonic guarded\")",
        E::ExpectedStringEnd => "this text has no closing double quote",
        E::ExpectedIdentifier => {
            "expected a name here (a field such as amplitude_ma, or a word such as Tonic)"
        }
        E::InvalidEscape(_) => {
            "this text has a backslash sequence that is not allowed (write \\\\ for one backslash)"
        }
        E::UnclosedBlockComment | E::UnclosedLineComment => "a /* comment is never closed with */",
        E::Utf8Error(_) => "the text is not valid UTF-8",
        E::TrailingCharacters => "there is more text after the closing ) of the file",
        E::ExceededRecursionLimit => "the brackets are nested too deeply",
        E::ExpectedAttribute | E::ExpectedAttributeEnd | E::NoSuchExtension(_) => {
            "this #![...] line is not used in scs-sim files; remove it"
        }
        _ => "this is not written the way scs-sim files are (compare with the example files)",
    };
    words.to_string()
}

/// What a named part of a file is, in words: `ProgrammerEdit` → "a programmer edit".
fn thing(name: Option<&str>, otherwise: &str) -> String {
    let Some(name) = name.filter(|n| !n.is_empty()) else {
        return otherwise.to_string();
    };
    let mut words = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            words.push(' ');
        }
        words.extend(c.to_lowercase());
    }
    let article = if words.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {}", shorten(&words))
}

/// `a, b or c`.
fn choices(alternatives: &[&str]) -> String {
    match alternatives {
        [] => "nothing here".to_string(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
    }
}

/// A Rust or serde type name as a reader says it.
fn kind_words(expected: &str) -> String {
    let e = expected.trim();
    let words = match e {
        "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" | "integer" | "an integer" => {
            "a whole number"
        }
        "f32" | "f64" | "a float" | "float" | "floating point" => "a number",
        "a string" | "string" | "a borrowed string" => "text in double quotes",
        "a boolean" | "boolean" | "bool" => "true or false",
        "a sequence" | "sequence" => "a list in [ ]",
        "a map" | "map" => "a map in { }",
        "option" | "an option" => "Some(...) or None",
        "unit" => "()",
        _ => {
            let e = e.strip_prefix("struct ").unwrap_or(e);
            let e = e.strip_prefix("enum ").unwrap_or(e);
            let e = e.strip_prefix("tuple struct ").unwrap_or(e);
            return shorten(&e.replace('`', "'"));
        }
    };
    words.to_string()
}

/// A message from serde ("invalid type: floating point `1.5`, expected u32") in plain words.
fn serde_words(message: &str) -> String {
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = message.strip_prefix(prefix)
            && let Some((found, expected)) = rest.rsplit_once(", expected ")
        {
            let found = found
                .replace("floating point", "the number")
                .replace("integer", "the number")
                .replace("string", "the text")
                .replace('`', "");
            return format!(
                "expected {} here, found {}",
                kind_words(expected),
                shorten(&found)
            );
        }
    }
    shorten(&message.replace('`', "'"))
}

fn check_version(path: &Path, text: &str, current: u32, older: &str) -> Result<(), FileError> {
    let Some((line, col, value)) = find_field(text, "version") else {
        return Err(FileError::whole(
            path,
            format!("no `version` field; add `version: {current}`"),
        ));
    };
    let at = |message: String| FileError::Invalid {
        path: path.to_path_buf(),
        problems: vec![Located { line, col, message }],
    };
    let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
    match digits.parse::<u32>() {
        Ok(v) if v > current => Err(at(format!(
            "written by a newer scs-sim (format version {v}); this one reads version {current}: update scs-sim"
        ))),
        Ok(0) | Err(_) => Err(at(format!(
            "`version` must be a whole number from 1 to {current}"
        ))),
        Ok(v) if v < current && !older.is_empty() => Err(at(older.to_string())),
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

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}
