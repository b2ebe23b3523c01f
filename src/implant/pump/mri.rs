//! A pump's MRI day (REFERENCES-IDDS §1): the magnet stops the rotor for the scan; it
//! should restart on its own, sometimes hours late, so the pump is interrogated after
//! every MRI (which restarts a pump still stopped). The pump keeps what happened (the
//! [`PumpMri`] record): how long delivery stopped, so the dose missed can be handled by
//! the prescription's rules, and what the clinician did after the scan.

use super::clock::clock_words;
use super::device::{DAY_S, Pump};
pub use super::mri_record::PumpMri;
use super::refusal::PumpRefusal;
use super::units::trim;
use crate::implant::goal::Verdict;

/// Shortest and longest booked scan, minutes (as a stimulator's).
pub use crate::implant::stim::mri::SCAN_MINUTES;

/// The latest a scan may be booked, s after the start: within the pump's 28 days.
const LATEST_S: f64 = 28.0 * DAY_S;

/// Longest the rotor may restart late after a scan, h (the manufacturer: up to 24 h).
pub const MAX_RESTART_LATE_H: f64 = 24.0;

impl Pump {
    /// The scene books a scan from `at_s` for `minutes`.
    pub(super) fn book_mri(&mut self, at_s: f64, minutes: f64) -> Result<String, PumpRefusal> {
        let (lo, hi) = SCAN_MINUTES;
        if !(0.0..=LATEST_S).contains(&at_s) || !(lo..=hi).contains(&minutes) {
            return Err(PumpRefusal::value(
                "mri",
                format!(
                    "an MRI scan starts within the pump's 28 days (0–{LATEST_S} s) and lasts {lo}–{hi} minutes"
                ),
            ));
        }
        let until = at_s + minutes * 60.0;
        self.mri = PumpMri {
            scan: Some((at_s, until)),
            restart_late_h: self.mri.restart_late_h,
            ..PumpMri::default()
        };
        Ok(format!(
            "MRI scan booked from {} to {}",
            clock_words(at_s),
            clock_words(until)
        ))
    }

    /// How late the rotor restarts after the next scan, h.
    pub(super) fn restart_late(&mut self, hours: f64) -> Result<String, PumpRefusal> {
        if !hours.is_finite() || !(0.0..=MAX_RESTART_LATE_H).contains(&hours) {
            return Err(PumpRefusal::value(
                "restart_late_h",
                format!("a restart {hours} h late is outside 0–{MAX_RESTART_LATE_H} h"),
            ));
        }
        self.mri.restart_late_h = hours;
        Ok(format!(
            "after an MRI the rotor restarts {} h late",
            trim(hours)
        ))
    }

    /// The booked scan at `t_s`: into the magnet as it begins, out of it as it ends (the
    /// rotor then waits to restart), and the late restart when its time comes.
    pub(super) fn mri_tick(&mut self, t_s: f64) {
        let Some((from, until)) = self.mri.scan else {
            return;
        };
        if t_s >= from && t_s < until && self.mri.stopped.is_none() {
            self.mri.stopped = Some((from, self.dose_now_mg_per_day(from)));
            self.mri_was_alarming = self.alarming();
            self.in_mri = true;
        } else if t_s >= until && self.in_mri && self.mri.restart_at_s.is_none() {
            self.in_mri = false;
            self.held = true;
            // A pump that was alarming waits for the interrogation, however long.
            let late = if std::mem::take(&mut self.mri_was_alarming) {
                f64::INFINITY
            } else {
                self.mri.restart_late_h * 3600.0
            };
            self.mri.restart_at_s = Some(until + late);
        }
        if self.held
            && self.mri.resumed_s.is_none()
            && self.mri.restart_at_s.is_some_and(|at| t_s >= at)
        {
            self.held = false;
            self.mri.resumed_s = Some(t_s);
        }
    }

    /// An interrogation at `t_s` after the scan: checked, and the rotor restarted if it
    /// still stood (`resumed`); what it reads of the stop, in words.
    pub(super) fn mri_checked(&mut self, t_s: f64, resumed: bool) -> String {
        let Some((_, until)) = self.mri.scan else {
            return String::new();
        };
        if t_s >= until && self.mri.checked_s.is_none() {
            self.mri.checked_s = Some(t_s);
        }
        if resumed && self.mri.resumed_s.is_none() {
            self.mri.resumed_s = Some(t_s);
        }
        let drug = self.programmed.drug.to_string();
        self.mri.words(t_s, &drug).unwrap_or_default()
    }

    /// A clinician bolus of `mg` at `t_s`, recorded when it follows the scan.
    pub(super) fn mri_bolus(&mut self, t_s: f64, mg: f64) {
        if self.mri.scan.is_some_and(|(_, until)| t_s >= until) {
            self.mri.boluses.push((t_s, mg));
        }
    }
}

/// An MRI day with a pump done right (see [`super::goal::PumpGoal::MriDay`]), judged at
/// `end_s`.
pub fn judge(
    pump: &Pump,
    end_s: f64,
    max_check_minutes: f64,
    replace_over_percent: f64,
) -> Verdict {
    let day = &pump.mri;
    let (Some((from, until)), Some((_, dose))) = (day.scan, day.stopped) else {
        return Verdict::impossible("the MRI scan has not happened yet");
    };
    if end_s < until {
        return Verdict::impossible("the session ended before the scan was over");
    }
    let checked = day
        .checked_s
        .is_some_and(|t| t <= until + max_check_minutes * 60.0);
    let running = pump.not_delivering(end_s).is_none();
    let kept = (pump.daily_dose_mg - dose).abs() < 1e-9;
    let missed = day.missed_mg(end_s).unwrap_or(0.0);
    let given: f64 = day.boluses.iter().map(|(_, mg)| mg).sum();
    let replace = missed > dose * replace_over_percent / 100.0;
    let handled = if replace {
        day.boluses.len() == 1 && (given - missed).abs() <= missed * 0.1
    } else {
        day.boluses.is_empty()
    };
    let yes = |done: bool| if done { "yes" } else { "no" };
    Verdict::of_checks(
        &[checked, running, kept, handled],
        format!(
            "scan {}–{}: interrogated within {max_check_minutes:.0} min after it: {}; delivering at the end: {}; dose kept at {} mg/day: {}; {} mg missed ({:.1} % of the daily dose; the rule replaces over {replace_over_percent:.0} %), {} mg given back",
            clock_words(from),
            clock_words(until),
            yes(checked),
            yes(running),
            trim(dose),
            yes(kept),
            trim((missed * 1e4).round() / 1e4),
            missed / dose.max(1e-12) * 100.0,
            trim((given * 1e4).round() / 1e4)
        ),
    )
}
