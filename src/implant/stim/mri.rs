//! A stimulator's MRI day: a booked scan, the impedance check its MRI conditions ask for
//! before it, MRI mode through it, and therapy back on after it; or, for percutaneous
//! leads (MR unsafe: no MRI mode makes them safe), every lead withdrawn before it. The
//! stimulator keeps what happened (the [`MriDay`] record) for the exercise's goal to judge.

use crate::device::safety::{Warning, WarningCode};
use crate::implant::goal::{Ending, Verdict};

/// Shortest and longest booked scan, minutes.
pub const SCAN_MINUTES: (f64, f64) = (5.0, 120.0);

/// What happened around a booked MRI scan, in simulated seconds since the start.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MriDay {
    /// The scan: from, until (none booked: `None`).
    pub scan: Option<(f64, f64)>,
    /// When the clinician last ran an impedance check, and whether it found every contact
    /// in range.
    pub checked: Option<(f64, bool)>,
    /// The leads were percutaneous when the scan was booked: they must come out before it.
    pub percutaneous: bool,
    /// When the system was last made safe for the scanner: MRI mode on, or (percutaneous
    /// leads) the last one withdrawn.
    pub safe_since_s: Option<f64>,
    /// The check and the system as the scan began: (a clean check before it, safe since).
    pub entered: Option<(bool, Option<f64>)>,
    /// A moment of the scan found the system unsafe: MRI mode off (scanned with the
    /// stimulator ready to run), or a percutaneous lead still in.
    pub unsafe_scan: bool,
    /// When therapy first ran again after the scan.
    pub back_on_s: Option<f64>,
}

impl MriDay {
    /// One step at `t_s`: the scan begins, goes on, or has ended; `safe` (MRI mode on, or
    /// every percutaneous lead out) and `delivering` are the system's now.
    pub(super) fn tick(&mut self, t_s: f64, safe: bool, delivering: bool) {
        let Some((from, until)) = self.scan else {
            return;
        };
        if t_s >= from && t_s < until {
            if self.entered.is_none() {
                let clean = self.checked.is_some_and(|(at, ok)| ok && at <= from);
                self.entered = Some((clean, self.safe_since_s.filter(|_| safe)));
            }
            self.unsafe_scan |= !safe;
        } else if t_s >= until && delivering && self.back_on_s.is_none() {
            self.back_on_s = Some(t_s);
        }
    }

    /// What the remote and the programmer show of the booked scan.
    pub(super) fn alert(&self) -> Option<Warning> {
        let (from, until) = self.scan?;
        Some(Warning::new(
            WarningCode::Mri,
            format!(
                "MRI scan booked from {} to {} on the session clock",
                clock(from),
                clock(until)
            ),
        ))
    }
}

/// A session time as the window's clock shows it: "25:00", "1:05:00".
pub fn clock(t_s: f64) -> String {
    let s = t_s.max(0.0).round() as u64;
    let (h, m, s) = (s / 3600, s / 60 % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// An MRI day done right (see [`crate::implant::goal::Goal::MriDay`]).
pub fn judge(day: &MriDay, end: &Ending, max_off_minutes: f64) -> Verdict {
    let Some((from, until)) = day.scan else {
        return Verdict::impossible("no MRI scan was booked");
    };
    if end.view.t_s < until {
        return Verdict::impossible("the session ended before the scan was over");
    }
    let slack = max_off_minutes * 60.0;
    let (checked, since) = day.entered.unwrap_or((false, None));
    let through = !day.unsafe_scan;
    let not_early = since.is_some_and(|t| t >= from - slack);
    if day.percutaneous {
        return Verdict::of_checks(
            &[through, not_early],
            format!(
                "scan {}–{}: every percutaneous lead out before it: {}{}",
                clock(from),
                clock(until),
                words(through),
                early_words(since, from, not_early, max_off_minutes, "out")
            ),
        );
    }
    let back = day.back_on_s.is_some_and(|t| t <= until + slack);
    Verdict::of_checks(
        &[checked, through, not_early, back],
        format!(
            "scan {}–{}: impedances checked in range before it: {}; MRI mode on through it: {}{}; therapy back {}",
            clock(from),
            clock(until),
            words(checked),
            words(through),
            early_words(since, from, not_early, max_off_minutes, "on"),
            match day.back_on_s {
                Some(t) => format!(
                    "at {}{}",
                    clock(t),
                    if back {
                        String::new()
                    } else {
                        format!(
                            " ({:.0} min after; at most {max_off_minutes:.0})",
                            (t - until) / 60.0
                        )
                    }
                ),
                None => "not yet".into(),
            }
        ),
    )
}

/// A yes or no in the debrief's words.
fn words(done: bool) -> &'static str {
    if done { "yes" } else { "no" }
}

/// What the debrief adds when the system was made safe too early (MRI mode `on`, leads
/// `out`): since when, and how early against the most allowed.
fn early_words(
    since: Option<f64>,
    from: f64,
    not_early: bool,
    max_off_minutes: f64,
    state: &str,
) -> String {
    match since {
        Some(t) if !not_early => format!(
            ", but {state} from {} ({:.0} min early; at most {max_off_minutes:.0})",
            clock(t),
            (from - t) / 60.0
        ),
        _ => String::new(),
    }
}
