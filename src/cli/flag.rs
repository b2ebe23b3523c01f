//! One flag's value checked before it is read: a word-like value far too long is refused
//! with a cut echo, a number that is not finite is refused, -0 reads as 0.

use anyhow::{Result, anyhow};
use scs_sim::files::shorten;

/// Longest value accepted for a flag naming a word or a short code (a waveform, a posture,
/// a level, contacts), characters.
const MAX_WORD: usize = 40;

/// The value of a word-like flag, refused with a cut echo when it is far too long.
pub fn short<'a>(flag: &str, value: &'a str) -> Result<&'a str> {
    if value.chars().count() > MAX_WORD {
        return Err(anyhow!(
            "{flag} refused: '{}' is far longer than any value it takes",
            shorten(value)
        ));
    }
    Ok(value)
}

/// A number flag's value, refused when it is not finite (NaN, inf).
pub fn finite(flag: &str, value: Option<f64>) -> Result<()> {
    if let Some(v) = value
        && !v.is_finite()
    {
        return Err(anyhow!(
            "{flag} refused: {v} is not a number; give a finite value"
        ));
    }
    Ok(())
}

/// A number flag's value as clap reads it, with `-0` read as 0 (a device never shows
/// "-0.0 mm"); NaN and infinities are refused afterwards by [`finite`], naming the flag.
pub fn number(text: &str) -> Result<f64, std::num::ParseFloatError> {
    text.parse::<f64>().map(|v| v + 0.0)
}
