//! Who may use the clinician programmer and the teacher's controls: a salted hash of the
//! PIN and of the Teach password (never the secrets themselves), and a lock-out after
//! repeated wrong PINs. The patient remote has no way in.
//!
//! Both are stored as argon2 PHC strings (`$argon2id$v=19$...`, salt included). When no PIN
//! hash is stored, [`DEFAULT_PIN`] applies: that is the documented first-run PIN. The
//! Teach password has no default: the teacher sets it on first use. It is never a PIN (a
//! PIN is digits only, a Teach password never is), so the PIN a trainee is given for an
//! exercise cannot open the teacher's controls.

use argon2::password_hash::SaltString;
use argon2::{Argon2, PasswordHash, PasswordHasher, PasswordVerifier};
use serde::{Deserialize, Serialize};

/// The PIN a new installation uses until a clinician changes it (documented in README).
pub const DEFAULT_PIN: &str = "2468";
/// Wrong PINs in a row before the programmer locks.
pub const MAX_FAILURES: u32 = 3;
/// How long the programmer stays locked, s (simulated in the core; the window counts it
/// on the wall clock).
pub const LOCKOUT_S: f64 = 300.0;

/// Why the clinician programmer's lock refused a PIN (the session records it as its
/// `Refusal`).
#[derive(Clone, Copy, Debug, PartialEq, thiserror::Error)]
pub enum AccessError {
    /// A wrong PIN; `locked` when it was the last try before the lock-out.
    #[error("{}", wrong_pin_words(*locked))]
    WrongPin {
        /// This failure locked the programmer.
        locked: bool,
    },
    /// The programmer is locked after repeated wrong PINs.
    #[error(
        "Clinician mode is locked after {MAX_FAILURES} wrong PINs: try again in {remaining_s:.0} s"
    )]
    LockedOut {
        /// Seconds left, s.
        remaining_s: f64,
    },
    /// A new PIN that is not 4–8 digits.
    #[error("a clinician PIN has 4 to 8 digits")]
    BadPin,
    /// A PIN change whose old PIN is wrong.
    #[error("The old PIN is wrong: the clinician PIN was not changed")]
    WrongOldPin,
}

fn wrong_pin_words(locked: bool) -> String {
    if locked {
        format!("Wrong PIN. Clinician mode is locked for {LOCKOUT_S:.0} s")
    } else {
        "Wrong PIN".to_string()
    }
}

/// The clinician programmer's lock.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Access {
    /// The PIN's argon2 hash as a PHC string; `None`: the default PIN applies.
    pin_hash: Option<String>,
    /// Wrong PINs in a row.
    pub failures: u32,
    /// Locked until this simulated time, s.
    pub locked_until_s: Option<f64>,
}

/// Checks a PIN is 4–8 digits.
pub fn validate_pin(pin: &str) -> Result<(), AccessError> {
    if (4..=8).contains(&pin.len()) && pin.chars().all(|c| c.is_ascii_digit()) {
        Ok(())
    } else {
        Err(AccessError::BadPin)
    }
}

/// A salted argon2id hash of a secret (a PIN, the class server's teacher passwords), as a
/// PHC string, a fresh random salt each time; `None` if the hasher fails.
pub fn hash_secret(secret: &str) -> Option<String> {
    let mut bytes = [0u8; 16];
    rand::RngCore::fill_bytes(&mut rand::rng(), &mut bytes);
    let salt = SaltString::encode_b64(&bytes).ok()?;
    Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map(|h| h.to_string())
        .ok()
}

/// Whether `secret` matches the PHC string `hash` (a malformed hash matches nothing).
pub fn verify_secret(secret: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(secret.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A salted argon2 hash of a valid PIN, as a PHC string (a fresh random salt each time).
pub fn hash_pin(pin: &str) -> Result<String, AccessError> {
    validate_pin(pin)?;
    hash_secret(pin).ok_or(AccessError::BadPin)
}

/// Whether `pin` matches the PHC string `hash` (a malformed hash matches nothing).
pub fn verify_pin(pin: &str, hash: &str) -> bool {
    verify_secret(pin, hash)
}

/// Shortest Teach password, characters.
pub const TEACH_PASSWORD_MIN: usize = 8;
/// Longest Teach password, characters.
pub const TEACH_PASSWORD_MAX: usize = 64;

/// Why a new Teach password was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TeachPasswordError {
    /// Too short or too long.
    #[error(
        "A Teach password has {TEACH_PASSWORD_MIN} to {TEACH_PASSWORD_MAX} characters: the Teach password was not set"
    )]
    Length,
    /// Digits only: it could be a clinician PIN.
    #[error(
        "A Teach password needs a letter or a sign besides digits, so that it is never a clinician PIN: the Teach password was not set"
    )]
    DigitsOnly,
    /// The two typings differ.
    #[error("The two typings differ: the Teach password was not set")]
    Mismatch,
    /// A change whose old password is wrong.
    #[error("The old Teach password is wrong: the Teach password was not changed")]
    WrongOld,
}

/// Checks a new Teach password typed twice: 8–64 characters, not digits only (so never a
/// clinician PIN), the same both times.
pub fn validate_teach_password(password: &str, repeat: &str) -> Result<(), TeachPasswordError> {
    let n = password.chars().count();
    if !(TEACH_PASSWORD_MIN..=TEACH_PASSWORD_MAX).contains(&n) {
        return Err(TeachPasswordError::Length);
    }
    if password.chars().all(|c| c.is_ascii_digit()) {
        return Err(TeachPasswordError::DigitsOnly);
    }
    if password != repeat {
        return Err(TeachPasswordError::Mismatch);
    }
    Ok(())
}

/// A salted argon2 hash (PHC string) of a new Teach password typed twice, checked as
/// [`validate_teach_password`] checks it.
pub fn hash_teach_password(password: &str, repeat: &str) -> Result<String, TeachPasswordError> {
    validate_teach_password(password, repeat)?;
    hash_secret(password).ok_or(TeachPasswordError::Length)
}

/// Whether `password` is the Teach password whose hash is `hash` (a PIN never is: see
/// [`validate_teach_password`]).
pub fn verify_teach_password(password: &str, hash: &str) -> bool {
    verify_secret(password, hash)
}

impl Access {
    /// An access lock with this PIN (hashed).
    pub fn with_pin(pin: &str) -> Result<Access, AccessError> {
        Ok(Access::with_hash(Some(hash_pin(pin)?)))
    }

    /// An access lock with this stored hash (PHC string); `None`: the default PIN.
    pub fn with_hash(pin_hash: Option<String>) -> Access {
        Access {
            pin_hash,
            ..Access::default()
        }
    }

    /// The stored hash (PHC string), `None` while the default PIN applies.
    pub fn pin_hash(&self) -> Option<&str> {
        self.pin_hash.as_deref()
    }

    /// Whether `pin` is the clinician PIN (no counting, no lock-out).
    pub fn verify(&self, pin: &str) -> bool {
        match &self.pin_hash {
            Some(hash) => verify_pin(pin, hash),
            None => pin == DEFAULT_PIN,
        }
    }

    /// Tries a PIN at simulated time `now_s`. A wrong PIN says nothing of the right one;
    /// the third in a row locks the programmer for [`LOCKOUT_S`].
    pub fn attempt(&mut self, pin: &str, now_s: f64) -> Result<(), AccessError> {
        if let Some(until) = self.locked_until_s {
            if now_s < until {
                return Err(AccessError::LockedOut {
                    remaining_s: until - now_s,
                });
            }
            self.clear_lockout();
        }
        if self.verify(pin) {
            self.failures = 0;
            return Ok(());
        }
        self.record_failure(now_s);
        Err(AccessError::WrongPin {
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

    /// Forgets wrong PINs and the simulated-time lock-out (the window keeps its own
    /// lock-out on the wall clock).
    pub fn clear_lockout(&mut self) {
        self.failures = 0;
        self.locked_until_s = None;
    }

    /// Changes the PIN: `old` must be the present PIN and `new` 4–8 digits. Returns the
    /// new hash (PHC string) to remember.
    pub fn change_pin(&mut self, old: &str, new: &str) -> Result<String, AccessError> {
        if !self.verify(old) {
            return Err(AccessError::WrongOldPin);
        }
        let hash = hash_pin(new)?;
        self.pin_hash = Some(hash.clone());
        Ok(hash)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_teach_password_is_hashed_salted_and_never_a_pin() {
        let hash = hash_teach_password("chalk-board", "chalk-board").unwrap();
        assert!(hash.starts_with("$argon2"), "{hash}");
        assert!(!hash.contains("chalk-board"));
        assert_ne!(
            hash,
            hash_teach_password("chalk-board", "chalk-board").unwrap(),
            "a fresh salt each time"
        );
        assert!(verify_teach_password("chalk-board", &hash));
        assert!(!verify_teach_password("chalk-boarD", &hash));
        assert!(!verify_teach_password(DEFAULT_PIN, &hash));
        // Digits only could be a clinician PIN (even 8 of them): refused.
        assert_eq!(
            hash_teach_password("24682468", "24682468"),
            Err(TeachPasswordError::DigitsOnly)
        );
        assert_eq!(
            hash_teach_password("short1", "short1"),
            Err(TeachPasswordError::Length)
        );
        assert_eq!(
            hash_teach_password("chalk-board", "chalk-bored"),
            Err(TeachPasswordError::Mismatch)
        );
        let long = "x".repeat(TEACH_PASSWORD_MAX + 1);
        assert_eq!(
            hash_teach_password(&long, &long),
            Err(TeachPasswordError::Length)
        );
    }
}
