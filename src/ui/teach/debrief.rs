//! The debrief after an exercise: the score, what the trainee did, what an expert would do.

use crate::training::score::ScoreReport;
use crate::ui::draw::time_words::clock;

/// The debrief window and the score it shows.
#[derive(Debug)]
pub struct DebriefPanel {
    report: Option<ScoreReport>,
    /// The teacher revealed the truth (thresholds, coverage, relief) after a blind exercise.
    truth: bool,
    /// Where the printable debrief is saved (typed; relative to the folder shown).
    html_path: String,
}

/// What only the model knows, for the teacher to reveal after a blind exercise.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Truth {
    /// Perception threshold, mA.
    pub pt_ma: Option<f64>,
    /// Discomfort threshold, mA.
    pub dt_ma: Option<f64>,
}

impl Default for DebriefPanel {
    fn default() -> Self {
        DebriefPanel {
            report: None,
            truth: false,
            html_path: "debrief.html".into(),
        }
    }
}

/// Writes the debrief of `report` as one printable HTML page at `path`; the status line's
/// words (with the full path, so the folder is known).
pub fn save_html(report: &ScoreReport, path: &str) -> Result<String, String> {
    let html = crate::training::report_html::debrief_html(report, "");
    let to = crate::ui::platform::file_io::write(path, html.as_bytes())?;
    Ok(format!(
        "Debrief saved to {to} (open it in a browser to print)"
    ))
}

/// "Trainee: Ana": whose session it was, if the report says (the saved debrief adds the
/// date; the window leaves it out, as the day is today).
pub fn whose_words(report: &ScoreReport) -> Option<String> {
    report.trainee.as_ref().map(|t| format!("Trainee: {t}"))
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
    /// Returns the outcome of saving it as HTML, when asked.
    pub fn show(&mut self, ctx: &egui::Context, truth: Truth) -> Option<Result<String, String>> {
        let report = self.report.as_ref()?;
        let reveal = &mut self.truth;
        let html_path = &mut self.html_path;
        let mut saved = None;
        let mut open = true;
        egui::Window::new("Debrief")
            .open(&mut open)
            .default_width(520.0)
            .show(ctx, |ui| {
                ui.heading(format!("{} — {}/100", report.title, report.score));
                if let Some(whose) = whose_words(report) {
                    ui.label(whose);
                }
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
                            ui.label(c.name.as_ref());
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
                ui.separator();
                ui.horizontal_wrapped(|ui| saved = save_ui(ui, report, html_path));
            });
        if !open {
            self.report = None;
        }
        saved
    }
}

/// The printable debrief's row: a typed path (the folder on hover and in the status line
/// once saved) or the platform's dialog; returns the outcome of saving.
#[cfg(not(target_arch = "wasm32"))]
fn save_ui(
    ui: &mut egui::Ui,
    report: &ScoreReport,
    html_path: &mut String,
) -> Option<Result<String, String>> {
    use crate::ui::platform::file_io::{FileKind, ask_save};
    let label = ui.label("Printable debrief");
    ui.add(egui::TextEdit::singleline(html_path).desired_width(180.0))
        .labelled_by(label.id)
        .on_hover_text(super::teacher::folder_words());
    if ui.button("Save as HTML").clicked() {
        return Some(save_html(report, html_path));
    }
    if ui.button("Save as…").clicked() {
        return Some(ask_save(FileKind::Html, html_path).and_then(|path| {
            *html_path = path;
            save_html(report, html_path)
        }));
    }
    None
}

/// The printable debrief's row in a browser: a download.
#[cfg(target_arch = "wasm32")]
fn save_ui(
    ui: &mut egui::Ui,
    report: &ScoreReport,
    html_path: &str,
) -> Option<Result<String, String>> {
    ui.button("Download the printable debrief (HTML)")
        .clicked()
        .then(|| save_html(report, html_path))
}
