//! RON's errors in the file's own terms: what was expected there, in plain words (no Rust
//! or RON jargon such as enums, structs or raw identifiers).

use super::echo::shorten;

/// A RON error in the file's own terms: what was expected there, in plain words (no
/// Rust or RON jargon such as enums, structs or raw identifiers).
pub(super) fn describe_ron(code: &ron::Error) -> String {
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
