//! The debrief after an exercise: the score, what the trainee did, what an expert would do.

use super::toolbar::clock;
use crate::training::score::ScoreReport;

/// The debrief window and the score it shows.
#[derive(Debug, Default)]
pub struct DebriefPanel {
    report: Option<ScoreReport>,
    /// The teacher revealed the truth (thresholds, coverage, relief) after a blind exercise.
    truth: bool,
}

/// What only the model knows, for the teacher to reveal after a blind exercise.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Truth {
    /// Perception threshold, mA.
    pub pt_ma: Option<f64>,
    /// Discomfort threshold, mA.
    pub dt_ma: Option<f64>,
}

impl DebriefPanel {
    /// The score shown, if any.
    pub fn report(&self) -> Option<&ScoreReport> {
        self.report.as_ref()
    }

    /// Shows this score (or closes the window).
    pub fn set_report(&mut self, report: Option<ScoreReport>) {
        self.report = report;
        self.truth = false;
    }

    /// Whether the teacher revealed the truth in the debrief.
    pub fn truth_shown(&self) -> bool {
        self.report.is_some() && self.truth
    }

    /// Draws the debrief window while there is a score; closing it forgets the score.
    pub fn show(&mut self, ctx: &egui::Context, truth: Truth) {
        let Some(report) = &self.report else { return };
        let reveal = &mut self.truth;
        let mut open = true;
        egui::Window::new("Debrief")
            .open(&mut open)
            .default_width(520.0)
            .show(ctx, |ui| {
                ui.heading(format!("{} — {}/100", report.title, report.score));
                ui.label(format!(
                    "Goal {}: {}",
                    if report.goal_met { "met" } else { "not met" },
                    report.goal_detail
                ));
                ui.checkbox(reveal, "Show the truth")
                    .on_hover_text("What the patient could only tell: thresholds, coverage, relief");
                if *reveal {
                    let fmt = |v: Option<f64>| v.map_or("—".into(), |x| format!("{x:.1} mA"));
                    ui.label(format!(
                        "True thresholds: perception {} · discomfort {} · relief {:.0}% · coverage {:.0}%",
                        fmt(truth.pt_ma),
                        fmt(truth.dt_ma),
                        report.relief_percent,
                        100.0 * report.coverage
                    ));
                }
                ui.label(format!(
                    "{} adjustments · {:.0} s ({})",
                    report.adjustments,
                    report.simulated_s,
                    if report.within_budget {
                        "within budget"
                    } else {
                        "over budget"
                    }
                ));
                ui.separator();
                ui.strong("How the score was made");
                egui::Grid::new("score-breakdown")
                    .num_columns(3)
                    .striped(true)
                    .show(ui, |ui| {
                        for c in &report.criteria {
                            ui.label(c.name);
                            ui.label(format!("{} / {}", c.points, c.max));
                            ui.label(&c.detail);
                            ui.end_row();
                        }
                    });
                ui.separator();
                ui.strong("What you did");
                egui::ScrollArea::vertical()
                    .max_height(200.0)
                    .show(ui, |ui| {
                        for a in &report.timeline {
                            let refused = a
                                .refused
                                .as_ref()
                                .map_or(String::new(), |w| format!(" — refused: {w}"));
                            ui.small(format!("{}  {}{refused}", clock(a.t_s), a.action));
                        }
                    });
                ui.separator();
                ui.strong("What an expert would do");
                for step in &report.expert {
                    ui.label(format!("- {step}"));
                }
            });
        if !open {
            self.report = None;
        }
    }
}
