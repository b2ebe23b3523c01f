//! Whether an exercise's goal is met in a session, and what was measured, in words: the
//! one judge the score (on the replayed end) and the expert planner (on the copies it
//! tries) share, so the advice given is judged as the trainee is. The implant judges;
//! this hands it the session's end.

use super::exercise::Goal;
use crate::implant::goal::{Ending, Verdict};
use crate::session::Session;
use crate::session::view::View;

/// Whether `goal` is met in `s` as `view` shows it, and what was measured, in words.
pub(crate) fn judge(goal: &Goal, s: &Session, view: &View) -> Verdict {
    let end = Ending {
        patient: &s.patient,
        view,
        refused: s.log.iter().filter_map(|e| e.refused.as_ref()).collect(),
    };
    s.implant().therapy().judge(goal, &end)
}

/// The session's end as it is judged: relief counts only as far as the final settings
/// sustain it (what lingers from earlier settings fades), and only as far as it has had
/// time to build (without the moment's fluctuation).
pub(crate) fn judged_view(s: &Session) -> View {
    let mut view = s.calm_view();
    let steady = s.steady_view();
    if steady.pain.relief_percent < view.pain.relief_percent {
        view.pain = steady.pain;
    }
    view
}
