//! Simulated time as the window writes it.

/// Formats simulated seconds as hh:mm:ss.
pub fn clock(t_s: f64) -> String {
    let s = t_s.max(0.0) as u64;
    format!("{:02}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60)
}
