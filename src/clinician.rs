//! Who may use the clinician programmer: a PIN the settings hold, and a lock-out after
//! repeated wrong PINs. The patient remote has no way in.

use crate::session::Refusal;
use serde::{Deserialize, Serialize};

/// The PIN a new installation uses until the settings change it (documented in README).
pub const DEFAULT_PIN: &str = "2468";
/// Wrong PINs in a row before the programmer locks.
pub const MAX_FAILURES: u32 = 3;
/// How long the programmer stays locked, simulated seconds.
pub const LOCKOUT_S: f64 = 300.0;

/// The clinician programmer's lock.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Access {
    pin: String,
    /// Wrong PINs in a row.
    pub failures: u32,
    /// Locked until this simulated time, s.
    pub locked_until_s: Option<f64>,
}

impl Default for Access {
    fn default() -> Self {
        Access {
            pin: DEFAULT_PIN.into(),
            failures: 0,
            locked_until_s: None,
        }
    }
}

/// Checks a PIN is 4–8 digits.
pub fn validate_pin(pin: &str) -> Result<(), Refusal> {
    if (4..=8).contains(&pin.len()) && pin.chars().all(|c| c.is_ascii_digit()) {
        Ok(())
    } else {
        Err(Refusal::BadPin)
    }
}

impl Access {
    /// An access lock with this PIN.
    pub fn with_pin(pin: &str) -> Result<Access, Refusal> {
        validate_pin(pin)?;
        Ok(Access {
            pin: pin.into(),
            ..Access::default()
        })
    }

    /// Tries a PIN at simulated time `now_s`. A wrong PIN says nothing of the right one;
    /// the third in a row locks the programmer for [`LOCKOUT_S`].
    pub fn attempt(&mut self, pin: &str, now_s: f64) -> Result<(), Refusal> {
        if let Some(until) = self.locked_until_s {
            if now_s < until {
                return Err(Refusal::LockedOut {
                    remaining_s: until - now_s,
                });
            }
            self.locked_until_s = None;
            self.failures = 0;
        }
        if pin == self.pin {
            self.failures = 0;
            return Ok(());
        }
        self.record_failure(now_s);
        Err(Refusal::WrongPin {
            locked: self.locked_until_s.is_some(),
        })
    }

    /// Counts a wrong PIN (also used when a recorded session is replayed).
    pub fn record_failure(&mut self, now_s: f64) {
        self.failures += 1;
        if self.failures >= MAX_FAILURES {
            self.locked_until_s = Some(now_s + LOCKOUT_S);
        }
    }
}
