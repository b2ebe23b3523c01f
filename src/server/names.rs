//! Names people give (a teacher, a class, a student): checked once, the same way.

use super::error::ApiError;

/// A name given by a person: trimmed, 1 to 100 characters, no control characters.
pub fn clean_name(name: &str, what: &str) -> Result<String, ApiError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        return Err(ApiError::bad(format!(
            "a {what} has 1 to 100 characters, none of them control characters"
        )));
    }
    Ok(name.to_string())
}
