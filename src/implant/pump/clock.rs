//! The pump's time: its physiology grid and the clock times its remote and refusals name.

/// The physiology grid of a pump session, s: drug levels move over minutes to weeks, and
/// a minute still resolves a fentanyl bolus's peak (5–20 min).
pub const GRID_S: f64 = 60.0;

/// Clock time at the start of every session, hours after midnight (patients' remotes and
/// refusals name clock times: "Next dose available at 14:30").
pub const START_CLOCK_H: f64 = 8.0;

/// Session time `t_s` as a clock time, e.g. `14:30` (with the day after the first).
pub fn clock_words(t_s: f64) -> String {
    let minutes = (START_CLOCK_H * 60.0 + t_s / 60.0).ceil().max(0.0) as u64;
    let day = minutes / 1440;
    let (h, m) = ((minutes % 1440) / 60, minutes % 60);
    if day == 0 {
        format!("{h:02}:{m:02}")
    } else {
        format!("{h:02}:{m:02} on day {}", day + 1)
    }
}
