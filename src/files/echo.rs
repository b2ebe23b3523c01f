//! Input echoed in messages (a flag's value, a name from a file, a path), cut to a
//! readable length.

use std::path::Path;

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

/// A message as the user reads it: long quoted echoes cut ([`cut_quoted`]) and every
/// number written with more than [`LONG_NUMBER`] characters (`1e308` echoed as 309
/// digits) written as `1e308`.
pub fn readable(message: &str) -> String {
    cut_long_numbers(&cut_quoted(message))
}

/// Characters beyond which a number in a message is written in scientific notation.
const LONG_NUMBER: usize = 20;

/// Every number standing alone (with its sign and decimals) longer than [`LONG_NUMBER`]
/// characters written in scientific notation.
fn cut_long_numbers(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(4096));
    let mut rest = message;
    while let Some(start) = rest.find(|c: char| c.is_ascii_digit()) {
        let len = rest[start..]
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len() - start);
        let digits = &rest[start..start + len];
        let negative = rest[..start].ends_with('-');
        let head = if negative { start - 1 } else { start };
        out.push_str(&rest[..head]);
        // A number stands alone: digits inside a name or a path are left as they are.
        let alone = rest[..head]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || c == '(')
            && rest[start + len..]
                .chars()
                .next()
                .is_none_or(|c| c.is_whitespace() || ",;:)".contains(c));
        match digits.trim_end_matches('.').parse::<f64>() {
            Ok(v) if alone && len > LONG_NUMBER => {
                out.push_str(&format!("{}{v:e}", if negative { "-" } else { "" }));
            }
            _ => out.push_str(&rest[head..start + len]),
        }
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}
