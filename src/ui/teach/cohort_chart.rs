//! The virtual cohort in the Teach panel: responder rates of seeded practice patients by
//! therapy and pain site as horizontal bars with their 95 % interval, the published rate
//! ticked beside each (SENZA-RCT, SUNBURST), so a teacher can show why trials differ.

use crate::training::assistant::Therapy;
use crate::training::cohort::{self, CohortReport, CohortRow};
use crate::ui::chart::{Bar, Body, Chart, rgb};
use crate::ui::request::Request;
use egui::{Align2, Color32, FontId, Rect, Sense, Stroke, Ui, pos2, vec2};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Duration;

/// Patients a cohort run may have in the window (the command line allows more).
const MAX_PATIENTS: usize = 10_000;
/// Height of one bar's row, points.
const ROW_H: f32 = 26.0;
/// Width of the row labels, points.
const LABEL_W: f32 = 120.0;

/// The cohort controls and the last result.
#[derive(Debug)]
pub struct CohortChart {
    /// How many patients the next run has.
    patients: usize,
    /// Seed of the next run.
    seed: u64,
    /// The last run, if any.
    report: Option<CohortReport>,
    /// A run in progress on its own thread (thousands of patients take up to a second, far
    /// longer than a frame), delivering its report here.
    running: Option<Receiver<CohortReport>>,
}

impl Default for CohortChart {
    fn default() -> Self {
        Self {
            patients: 1000,
            seed: 1,
            report: None,
            running: None,
        }
    }
}

impl CohortChart {
    /// Sets the size of the next run (clamped to 1–10,000); for tests and scripts.
    pub fn set_patients(&mut self, patients: usize) {
        self.patients = patients.clamp(1, MAX_PATIENTS);
    }

    /// The last run, if any.
    pub fn report(&self) -> Option<&CohortReport> {
        self.report.as_ref()
    }

    /// Starts a run off the UI thread; the chart appears when it is done.
    fn start(&mut self) {
        let (tx, rx) = mpsc::channel();
        let (patients, seed) = (self.patients, self.seed);
        let run = move || {
            // The panel may be gone by the end: then nobody wants the report.
            let _ = tx.send(cohort::run(patients, seed, &Therapy::ALL));
        };
        #[cfg(not(target_arch = "wasm32"))]
        std::thread::spawn(run);
        // A browser page has no threads: the run takes one frame (1,000 patients, well
        // under a second).
        #[cfg(target_arch = "wasm32")]
        run();
        self.running = Some(rx);
    }

    /// Takes a finished run's report; keeps repainting while one computes.
    fn poll(&mut self, ui: &Ui) {
        let Some(rx) = &self.running else {
            return;
        };
        match rx.try_recv() {
            Ok(report) => {
                self.report = Some(report);
                self.running = None;
            }
            Err(TryRecvError::Empty) => ui.ctx().request_repaint_after(Duration::from_millis(100)),
            Err(TryRecvError::Disconnected) => self.running = None,
        }
    }

    /// Draws the controls and, after a run, the chart and its buttons.
    pub fn ui(&mut self, ui: &mut Ui) -> Vec<Request> {
        self.poll(ui);
        ui.horizontal_wrapped(|ui| {
            ui.label("Virtual cohort:");
            ui.add(
                egui::DragValue::new(&mut self.patients)
                    .range(1..=MAX_PATIENTS)
                    .suffix(" patients"),
            )
            .on_hover_text("Seeded practice patients, each programmed as an expert would");
            ui.add(egui::DragValue::new(&mut self.seed).prefix("seed "));
            let idle = self.running.is_none();
            if ui
                .add_enabled(idle, egui::Button::new("Run cohort"))
                .on_hover_text(
                    "Tonic, burst and 10 kHz on the same patients (1,000 take well under a second)",
                )
                .clicked()
            {
                self.start();
            }
            if !idle {
                ui.spinner();
                ui.label("computing");
            }
        });
        let Some(report) = &self.report else {
            return Vec::new();
        };
        chart_ui(ui, report);
        crate::ui::chart::present::tools_ui(ui, || chart(report))
    }
}

/// The colour of a therapy's bars.
fn therapy_colour(therapy: Therapy) -> Color32 {
    match therapy {
        Therapy::Tonic => Color32::from_rgb(70, 130, 220),
        Therapy::Burst => Color32::from_rgb(200, 120, 40),
        Therapy::HighFrequency => Color32::from_rgb(60, 160, 90),
    }
}

/// The report as a chart for the presenter and for slides: the same bars, intervals and
/// published rates as [`chart_ui`].
fn chart(report: &CohortReport) -> Chart {
    Chart {
        title: format!(
            "Virtual cohort: {} patients, seed {}",
            report.patients, report.seed
        ),
        x_label: "share with at least 50 % relief (whisker: 95 % interval; black: published)"
            .into(),
        y_label: String::new(),
        body: Body::Bars(
            report
                .rows
                .iter()
                .map(|row| Bar {
                    label: row_label(row),
                    value: row.responder_percent,
                    interval: (row.ci_low, row.ci_high),
                    published: row.published_percent,
                    rgb: rgb(therapy_colour(row.therapy)),
                })
                .collect(),
        ),
    }
}

/// A row's name: its therapy and site ("10 kHz · back").
fn row_label(row: &CohortRow) -> String {
    let therapy = match row.therapy {
        Therapy::HighFrequency => "10 kHz",
        t => t.name(),
    };
    format!("{therapy} · {}", row.site)
}

/// The rows as horizontal bars from 0 to 100 %: the cohort's rate filled, its interval as a
/// whisker, the published rate as a black-and-white tick.
fn chart_ui(ui: &mut Ui, report: &CohortReport) {
    ui.label(format!(
        "{} patients (seed {}): share with at least 50 % relief; | = published rate",
        report.patients, report.seed
    ));
    // Labels as large as the theme's text; the room for them with them.
    let font = crate::ui::draw::label::chart_font(ui, 13.0);
    let s = font.size / 13.0;
    let width = ui.available_width().clamp(240.0, 520.0 * s);
    let height = ROW_H * report.rows.len() as f32 + 22.0 * s;
    let (outer, _) = ui.allocate_exact_size(vec2(width, height), Sense::hover());
    let p = ui.painter_at(outer);
    let text = ui.visuals().text_color();
    let plot = Rect::from_min_max(
        outer.min + vec2(LABEL_W * s, 0.0),
        outer.max - vec2(44.0, 22.0) * s,
    );
    let x_of = |pct: f64| plot.left() + plot.width() * (pct / 100.0).clamp(0.0, 1.0) as f32;
    for tick in [0.0, 25.0, 50.0, 75.0, 100.0] {
        let x = x_of(tick);
        p.line_segment(
            [pos2(x, plot.top()), pos2(x, plot.bottom())],
            Stroke::new(1.0, text.gamma_multiply(0.25)),
        );
        p.text(
            pos2(x, plot.bottom() + 3.0),
            Align2::CENTER_TOP,
            format!("{tick:.0} %"),
            font.clone(),
            text,
        );
    }
    for (i, row) in report.rows.iter().enumerate() {
        let y = plot.top() + ROW_H * i as f32;
        row_ui(&p, row, (y, x_of), (&font, text));
    }
}

/// One therapy × site row.
fn row_ui(
    p: &egui::Painter,
    row: &CohortRow,
    (y, x_of): (f32, impl Fn(f64) -> f32),
    (font, text): (&FontId, Color32),
) {
    let mid = y + ROW_H / 2.0;
    p.text(
        pos2(x_of(0.0) - 6.0, mid),
        Align2::RIGHT_CENTER,
        row_label(row),
        font.clone(),
        text,
    );
    let bar = Rect::from_min_max(
        pos2(x_of(0.0), y + 5.0),
        pos2(x_of(row.responder_percent), y + ROW_H - 5.0),
    );
    p.rect_filled(bar, 2.0, therapy_colour(row.therapy));
    let whisker = Stroke::new(2.0, text);
    p.line_segment(
        [pos2(x_of(row.ci_low), mid), pos2(x_of(row.ci_high), mid)],
        whisker,
    );
    for end in [row.ci_low, row.ci_high] {
        p.line_segment(
            [pos2(x_of(end), mid - 4.0), pos2(x_of(end), mid + 4.0)],
            whisker,
        );
    }
    if let Some(published) = row.published_percent {
        let x = x_of(published);
        p.line_segment(
            [pos2(x, y + 1.0), pos2(x, y + ROW_H - 1.0)],
            Stroke::new(5.0, Color32::WHITE),
        );
        p.line_segment(
            [pos2(x, y + 1.0), pos2(x, y + ROW_H - 1.0)],
            Stroke::new(3.0, Color32::BLACK),
        );
    }
    p.text(
        pos2(x_of(100.0) + 4.0, mid),
        Align2::LEFT_CENTER,
        format!("{:.0} %", row.responder_percent),
        font.clone(),
        text,
    );
}
