//! Who may open what: the clinician PIN (the programmer) and the Teach password (the
//! teacher's controls), each with its own hash and wall-clock lock-out in the preferences.

use super::app::App;
use crate::clinician::{TeachPasswordError, hash_teach_password, verify_teach_password};
use crate::session::{AccessRequest, Refusal, Role};
use crate::ui::prefs::unix_now_s;

impl App {
    /// Tries a clinician PIN: refused while the window's wall-clock lock-out runs; a right
    /// PIN logs the clinician in (and opens nothing else); a wrong one counts towards the
    /// lock-out, which the preferences keep.
    pub(super) fn login(&mut self, pin: String) {
        let now = unix_now_s();
        if let Some(left) = self.prefs.clinician.locked_for(now) {
            self.clinician_answer(Err(Refusal::LockedOut {
                remaining_s: left as f64,
            }));
            return;
        }
        let result = if self.session.role == Role::Clinician {
            Ok(Vec::new())
        } else {
            // The core's simulated-time lock-out is not the window's: the window decides.
            self.session.access.clear_lockout();
            self.session.apply(AccessRequest::EnterClinician { pin })
        };
        let result = match result {
            Ok(events) => {
                self.prefs.clinician.record_success();
                Ok(events)
            }
            Err(Refusal::WrongPin { .. }) => Err(Refusal::WrongPin {
                locked: self.prefs.clinician.record_failure(now),
            }),
            Err(other) => Err(other),
        };
        self.clinician_answer(result);
    }

    /// Changes the clinician PIN (the old one is needed, and counts as a try while the
    /// lock-out is counted); the preferences keep the new hash.
    pub(super) fn change_pin(&mut self, old: String, new: String) {
        let now = unix_now_s();
        if let Some(left) = self.prefs.clinician.locked_for(now) {
            self.clinician_answer(Err(Refusal::LockedOut {
                remaining_s: left as f64,
            }));
            return;
        }
        let command = AccessRequest::SetClinicianPin { old, new };
        let result = self.session.apply_as(Role::Clinician, command);
        match &result {
            Ok(_) => {
                self.prefs.clinician.record_success();
                self.prefs.clinician.hash = self.session.access.pin_hash().map(String::from);
                self.status = Some("Clinician PIN changed".into());
            }
            Err(Refusal::WrongOldPin) => {
                self.prefs.clinician.record_failure(now);
            }
            Err(_) => {}
        }
        self.clinician_answer(result);
    }

    /// Tries the Teach password: only it opens the teacher's controls (never the clinician
    /// PIN, and nothing before the teacher has set it). Three wrong tries lock Teach for
    /// five minutes of wall time, kept in the preferences.
    pub(super) fn teach_login(&mut self, password: &str) {
        let now = unix_now_s();
        if let Some(left) = self.prefs.teach.locked_for(now) {
            self.panels.door.answer(Some(format!(
                "Teach is locked after {} wrong passwords: try again in {left} s",
                crate::clinician::MAX_FAILURES
            )));
            return;
        }
        let right = self
            .prefs
            .teach
            .hash
            .as_deref()
            .is_some_and(|hash| verify_teach_password(password, hash));
        if right {
            self.prefs.teach.record_success();
            self.panels.door.answer(None);
            self.unlocked = true;
            return;
        }
        let words = if self.prefs.teach.record_failure(now) {
            format!(
                "Wrong Teach password. Teach is locked for {:.0} s",
                crate::clinician::LOCKOUT_S
            )
        } else {
            "Wrong Teach password".to_string()
        };
        self.panels.door.answer(Some(words));
    }

    /// Sets the Teach password on first use (`old` is `None`; never during an exercise, so
    /// a trainee cannot claim it) or changes it (`old` must be the present one, and counts
    /// as a try). Setting it opens Teach.
    pub(super) fn set_teach_password(&mut self, old: Option<&str>, new: &str, repeat: &str) {
        let outcome = match (old, self.prefs.teach.hash.as_deref()) {
            (None, None) if self.exercise.is_some() => {
                self.panels
                    .door
                    .answer(Some(crate::ui::teach::door::NO_PASSWORD_IN_EXERCISE.into()));
                return;
            }
            (None, None) => hash_teach_password(new, repeat),
            (Some(old), Some(hash)) if self.unlocked && verify_teach_password(old, hash) => {
                hash_teach_password(new, repeat)
            }
            (Some(_), Some(_)) if self.unlocked => {
                self.prefs.teach.record_failure(unix_now_s());
                Err(TeachPasswordError::WrongOld)
            }
            // A set password is changed only from inside Teach, with the old one.
            _ => return,
        };
        match outcome {
            Ok(hash) => {
                let first = self.prefs.teach.hash.is_none();
                self.prefs.teach.hash = Some(hash);
                self.prefs.teach.record_success();
                self.panels.door.answer(None);
                self.unlocked = true;
                self.status = Some(if first {
                    "Teach password set: Teach asks for it each time it is opened".into()
                } else {
                    "Teach password changed".into()
                });
            }
            Err(e) => {
                self.panels.door.answer(Some(e.to_string()));
                self.status = Some(e.to_string());
            }
        }
    }
}
