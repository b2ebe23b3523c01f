//! One flag's command applied to the session as the clinician's: a refusal names the flag.

use anyhow::{Context, Result};
use scs_sim::session::{Command, Session};

/// Applies one flag's command; a refusal names the flag.
pub fn apply(s: &mut Session, flag: &str, command: impl Into<Command>) -> Result<()> {
    s.apply(command)
        .map(|_| ())
        .with_context(|| format!("{flag} refused"))
}
