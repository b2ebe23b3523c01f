//! The schedule the teacher's open/closed-loop side by side runs ([`super::loop_compare`]):
//! it starts as the closed-loop goal's check ([`crate::implant::stim::loop_check`]) and the
//! teacher may move its changes of posture, coughs and bends and its length, to show a
//! class what a particular day does to each loop.

use crate::implant::stim::loop_check::{CHECK_JOLTS, CHECK_POSTURES, CHECK_S};
use crate::patient::anatomy::Posture;
use crate::patient::cord_motion::Jolt;
use egui::{DragValue, Ui};

/// Shortest and longest run a teacher may choose, s.
const SECONDS: std::ops::RangeInclusive<f64> = 20.0..=180.0;

/// Names of the check's posture changes, in [`CHECK_POSTURES`]' order, as the labels say.
const POSTURE_LABELS: [&str; 3] = [
    "Lying down at (s)",
    "Standing at (s)",
    "Back to the start posture at (s)",
];

/// A schedule as the teacher edits it.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// Length of the run, s.
    seconds: f64,
    /// When each of [`CHECK_POSTURES`]' changes happens, s.
    posture_s: [f64; 3],
    /// The coughs' times as typed, and the last list that read well.
    coughs: (String, Vec<f64>),
    /// The bends' times as typed, and the last list that read well.
    bends: (String, Vec<f64>),
}

impl Default for Plan {
    fn default() -> Self {
        let times = |kind: Jolt| -> Vec<f64> {
            CHECK_JOLTS
                .iter()
                .filter(|(_, j)| *j == kind)
                .map(|(t, _)| *t)
                .collect()
        };
        let typed = |v: Vec<f64>| (written(&v), v);
        Plan {
            seconds: CHECK_S,
            posture_s: CHECK_POSTURES.map(|(t, _)| t),
            coughs: typed(times(Jolt::Cough)),
            bends: typed(times(Jolt::Bend)),
        }
    }
}

/// Times as a teacher writes them: "8, 25, 45".
fn written(times: &[f64]) -> String {
    times
        .iter()
        .map(|t| format!("{t}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads times in seconds separated by commas or spaces, each from 0 to `seconds`; the
/// sentence to show when one does not read.
pub fn read_times(text: &str, seconds: f64) -> Result<Vec<f64>, String> {
    let mut out = Vec::new();
    for word in text.split([',', ' ', ';']).filter(|w| !w.trim().is_empty()) {
        match word.trim().parse::<f64>() {
            Ok(t) if (0.0..=seconds).contains(&t) => out.push(t),
            _ => {
                return Err(format!(
                    "\"{}\" is not a time from 0 to {seconds:.0} s: write seconds separated by commas (the last good list is kept).",
                    crate::files::shorten(word.trim())
                ));
            }
        }
    }
    out.sort_by(f64::total_cmp);
    Ok(out)
}

impl Plan {
    /// Length of the run, s.
    pub fn seconds(&self) -> f64 {
        self.seconds
    }

    /// The changes of posture in time order, as [`crate::implant::stim::loop_check::schedule`]
    /// takes them.
    pub fn postures(&self) -> Vec<(f64, Option<Posture>)> {
        let mut out: Vec<_> = self
            .posture_s
            .iter()
            .zip(CHECK_POSTURES)
            .map(|(&t, (_, p))| (t, p))
            .collect();
        out.sort_by(|a, b| a.0.total_cmp(&b.0));
        out
    }

    /// The coughs and bends in time order.
    pub fn jolts(&self) -> Vec<(f64, Jolt)> {
        let mut out: Vec<_> = (self.coughs.1.iter().map(|&t| (t, Jolt::Cough)))
            .chain(self.bends.1.iter().map(|&t| (t, Jolt::Bend)))
            .filter(|(t, _)| *t <= self.seconds)
            .collect();
        out.sort_by(|a, b| a.0.total_cmp(&b.0));
        out
    }

    /// The editors: length, the three changes of posture, coughs and bends (each labelled
    /// for a screen reader); a time that does not read is said in one sentence and the
    /// last good list kept.
    pub fn ui(&mut self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Length (s)");
            ui.add(DragValue::new(&mut self.seconds).range(SECONDS).speed(1.0))
                .labelled_by(label.id);
            for (t, name) in self.posture_s.iter_mut().zip(POSTURE_LABELS) {
                let label = ui.label(name);
                ui.add(DragValue::new(t).range(0.0..=self.seconds).speed(0.5))
                    .labelled_by(label.id);
            }
        });
        let seconds = self.seconds;
        for (name, (text, good)) in [
            ("Coughs at (s)", &mut self.coughs),
            ("Bends at (s)", &mut self.bends),
        ] {
            ui.horizontal(|ui| {
                let label = ui.label(name);
                ui.add(egui::TextEdit::singleline(text).desired_width(220.0))
                    .labelled_by(label.id);
                match read_times(text, seconds) {
                    Ok(times) => *good = times,
                    Err(why) => {
                        ui.colored_label(ui.visuals().error_fg_color, why);
                    }
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_in_order_and_a_bad_one_is_named() {
        assert_eq!(read_times("25, 8 ;70", 80.0), Ok(vec![8.0, 25.0, 70.0]));
        assert_eq!(read_times("", 80.0), Ok(vec![]));
        let why = read_times("8, 9x", 80.0).unwrap_err();
        assert!(why.contains("\"9x\""), "{why}");
        assert!(read_times("90", 80.0).is_err());
        assert!(read_times("-1", 80.0).is_err());
    }

    #[test]
    fn the_default_plan_is_the_loop_check() {
        let plan = Plan::default();
        assert_eq!(plan.seconds(), CHECK_S);
        assert_eq!(plan.jolts(), CHECK_JOLTS.to_vec());
        assert_eq!(plan.postures(), CHECK_POSTURES.to_vec());
    }
}
