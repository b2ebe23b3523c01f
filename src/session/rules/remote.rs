//! The patient's remote: its keys reach the implant only when the remote is unlocked and in
//! contact (the clinician's programmer is never blocked by the patient's remote). The lock
//! keys belong to the remote itself; every other key is the implant's.

use super::super::Session;
use crate::implant::command::{Event, RemoteKey, Role};
use crate::implant::refusal::Refusal;

/// Checks a key pressed by `role` against the remote's lock and link, and applies the lock
/// keys; `None` when the key goes on to the implant.
pub(super) fn apply(
    s: &mut Session,
    role: Role,
    key: &RemoteKey,
) -> Option<Result<Vec<Event>, Refusal>> {
    let lock_key = matches!(key, RemoteKey::Lock | RemoteKey::Unlock);
    if role == Role::Patient
        && !lock_key
        && let Some(block) = s.remote.refusal()
    {
        return Some(Err(Refusal::Remote(block)));
    }
    if !lock_key {
        return None;
    }
    s.remote.locked = *key == RemoteKey::Lock;
    let words = if s.remote.locked {
        "locked"
    } else {
        "unlocked"
    };
    Some(Ok(vec![Event::Changed(format!("remote {words}"))]))
}
