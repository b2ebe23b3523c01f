//! Parsing RON text: the kind (the leading struct name) and the `version` field first, then
//! the content, with every error at its line and column; finding a field's place to put a
//! validation problem there.

use super::echo::shorten;
use super::error::{FileError, Located};
use super::ron_words::describe_ron;
use serde::de::DeserializeOwned;
use std::path::Path;

/// File format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

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
    check_kind::<T>(path, text)?;
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

/// Refuses a file of another kind (a program given where a patient is expected) before
/// its version is read: its version belongs to its own kind, so a message about it would
/// mislead.
fn check_kind<T: DeserializeOwned>(path: &Path, text: &str) -> Result<(), FileError> {
    let (Some(expected), Some(found)) = (struct_name::<T>(), leading_name(text)) else {
        return Ok(());
    };
    if expected == found {
        return Ok(());
    }
    Err(FileError::Invalid {
        path: path.to_path_buf(),
        problems: vec![Located {
            line: 1,
            col: 1,
            message: format!("expected {expected}( here, not {}(", shorten(found)),
        }],
    })
}

/// The name a type's RON text starts with (`Session`, `Patient`…), as serde asks for it;
/// None for a type that is not a named struct.
fn struct_name<T: DeserializeOwned>() -> Option<&'static str> {
    let mut probe = NameProbe(None);
    let _ = T::deserialize(&mut probe);
    probe.0
}

/// A deserializer that only notes the struct name it is asked for.
struct NameProbe(Option<&'static str>);

impl<'de> serde::Deserializer<'de> for &mut NameProbe {
    type Error = serde::de::value::Error;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(serde::de::Error::custom("only the name is asked for"))
    }

    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        name: &'static str,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        self.0 = Some(name);
        Err(serde::de::Error::custom("only the name is asked for"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
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
