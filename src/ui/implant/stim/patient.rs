//! The patient beside the remote: who they are, what they say, the body map, posture and
//! a pain gauge.

use crate::patient::anatomy::Posture;
use crate::patient::cord_motion::Jolt;
use crate::session::view::View;
use crate::session::{Command, Session, WorldEvent};
use crate::ui::draw::body_map::body_map_ui;
use crate::ui::prefs::Palette;
use crate::ui::request::{Request, Shared};
use egui::{Color32, CornerRadius, FontId, RichText, Sense, Stroke, Ui, vec2};

/// The patient's panel in the middle of the window.
#[derive(Debug, Default)]
pub struct PatientPanel {
    /// Whether the body map shows the dermatome overlay.
    dermatomes: bool,
}

impl PatientPanel {
    /// Draws the patient in the central panel; a chosen posture is sent as the patient.
    pub fn show(&mut self, ui: &mut Ui, shared: &Shared<'_>) -> Vec<Request> {
        let mut out = Vec::new();
        egui::CentralPanel::default().show(ui, |ui| {
            crate::ui::draw::region::panel(ui, "Patient panel");
            out = self.body(ui, shared);
        });
        out
    }

    /// The patient in `ui`, scrolling when short (the central panel, or the whole window
    /// when presented).
    pub fn body(&mut self, ui: &mut Ui, shared: &Shared<'_>) -> Vec<Request> {
        let event = crate::ui::draw::region::scroll_down(ui, |ui| {
            patient_ui(
                ui,
                shared.session,
                shared.view,
                &shared.palette,
                (&mut self.dermatomes, shared.blind),
            )
        });
        event
            .map(|e| Request::Patient(Command::World(e)))
            .into_iter()
            .collect()
    }
}

/// Draws the patient (with the dermatome overlay if `dermatomes`, which a checkbox
/// toggles; without numbers in blind mode); returns what the user asked the patient to do
/// (take a posture, cough, bend).
pub fn patient_ui(
    ui: &mut Ui,
    s: &Session,
    view: &View,
    palette: &Palette,
    (dermatomes, blind): (&mut bool, bool),
) -> Option<WorldEvent> {
    let p = &s.patient;
    ui.horizontal_wrapped(|ui| {
        ui.heading(format!("{}, {}", p.name, p.age));
        ui.label(RichText::new(&p.diagnosis).italics());
    });
    ui.collapsing("History", |ui| ui.label(&p.history));
    let mut chosen = None;
    // Narrow (150 % zoom on a projector): the body below the words, scrolled to.
    if ui.available_width() < 560.0 {
        chosen = about_ui(ui, s, view, palette, blind);
        ui.checkbox(dermatomes, "Dermatomes");
        ui.allocate_ui(vec2(ui.available_width(), 360.0), |ui| {
            body_map_ui(ui, view, &p.pain, palette, *dermatomes);
        });
        return chosen;
    }
    // The words and numbers on the left, the body beside them using the full height, so
    // the figure stays large on a 1280 × 720 projector.
    let left_w = (ui.available_width() * 0.42).clamp(240.0, 460.0);
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(left_w);
            chosen = about_ui(ui, s, view, palette, blind);
        });
        ui.vertical(|ui| {
            ui.checkbox(dermatomes, "Dermatomes");
            body_map_ui(ui, view, &p.pain, palette, *dermatomes);
        });
    });
    chosen
}

/// What the patient says, posture (and, while a closed loop runs, a cough or a bend to
/// check it with), the pain gauge (not in blind mode) and the legend; returns what the
/// user asked the patient to do.
fn about_ui(
    ui: &mut Ui,
    s: &Session,
    view: &View,
    palette: &Palette,
    blind: bool,
) -> Option<WorldEvent> {
    let p = &s.patient;
    speech_ui(ui, &view.speech, palette);
    ui.add_space(4.0);
    let mut chosen = None;
    ui.horizontal_wrapped(|ui| {
        ui.label("Posture:");
        for posture in Posture::ALL {
            let name = posture.name();
            let label = format!("{}{}", name[..1].to_uppercase(), &name[1..]);
            if ui.selectable_label(p.posture == posture, label).clicked() && p.posture != posture {
                chosen = Some(WorldEvent::SetPosture(posture));
            }
        }
    });
    if s.stimulator().is_some_and(|st| st.live_loop().is_some()) {
        ui.horizontal_wrapped(|ui| {
            ui.label("Ask to:");
            for jolt in [Jolt::Cough, Jolt::Bend] {
                let name = jolt.name();
                let label = format!("{}{}", name[..1].to_uppercase(), &name[1..]);
                if ui
                    .button(label)
                    .on_hover_text("The cord moves toward the lead for a moment: watch the ECAP tab's live traces")
                    .clicked()
                {
                    chosen = Some(WorldEvent::Jolt(jolt));
                }
            }
        });
    }
    if !blind {
        pain_gauge_ui(ui, s, view, palette);
    }
    ui.add_space(4.0);
    ui.horizontal(|ui| legend(ui, palette.pain, "pain (hatched, by VAS)"));
    ui.horizontal(|ui| legend(ui, palette.tingling, "tingling (dotted, by intensity)"));
    chosen
}

fn legend(ui: &mut Ui, colour: Color32, text: &str) {
    let (r, _) = ui.allocate_exact_size(vec2(16.0, 16.0), Sense::hover());
    ui.painter().rect_filled(r, CornerRadius::same(3), colour);
    ui.label(text);
}

/// What the patient says, in a speech bubble.
fn speech_ui(ui: &mut Ui, text: &str, palette: &Palette) {
    let fill = if ui.visuals().dark_mode {
        Color32::from_rgb(0x25, 0x2B, 0x33)
    } else {
        Color32::from_rgb(0xF4, 0xF7, 0xFB)
    };
    egui::Frame::new()
        .fill(fill)
        .stroke(Stroke::new(2.0, palette.tingling))
        .corner_radius(CornerRadius::same(14))
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(format!("“{text}”")).font(FontId::proportional(19.0)));
        });
}

/// Pain before and now on a 0–10 bar, relief and coverage, and the thresholds.
fn pain_gauge_ui(ui: &mut Ui, s: &Session, view: &View, palette: &Palette) {
    let base = crate::patient::baseline_vas(&s.patient);
    ui.horizontal_wrapped(|ui| {
        let (r, _) = ui.allocate_exact_size(vec2(220.0, 22.0), Sense::hover());
        let p = ui.painter();
        p.rect_stroke(
            r,
            CornerRadius::same(4),
            Stroke::new(1.0, ui.visuals().text_color()),
            egui::StrokeKind::Inside,
        );
        let w = |v: f64| r.width() * (v / 10.0).clamp(0.0, 1.0) as f32;
        p.rect_filled(
            egui::Rect::from_min_size(r.min, vec2(w(base), r.height())),
            CornerRadius::same(4),
            palette.pain.gamma_multiply(0.3),
        );
        p.rect_filled(
            egui::Rect::from_min_size(r.min, vec2(w(view.pain.vas), r.height())),
            CornerRadius::same(4),
            palette.pain,
        );
        ui.label(
            RichText::new(format!(
                "Pain VAS {:.1} before, {:.1} now   relief {:.0}%   coverage {:.0}%",
                base,
                view.pain.vas,
                view.pain.relief_percent,
                100.0 * view.response.coverage
            ))
            .strong(),
        );
    });
    let fmt = |v: Option<f64>| v.map_or("—".to_string(), |x| format!("{x:.1} mA"));
    ui.label(format!(
        "Feels tingling from {} · uncomfortable from {} · delivering {:.1} mA",
        fmt(view.pt_ma),
        fmt(view.dt_ma),
        view.delivered_ma
    ));
}

/// The view with what only the model knows taken out (blind mode): no thresholds, no
/// coverage, no tingling to draw on the body map.
pub fn blinded(view: &View) -> View {
    let mut v = view.clone();
    v.pt_ma = None;
    v.dt_ma = None;
    v.response.coverage = 0.0;
    v.response.perception.paresthesia = [0.0; crate::patient::anatomy::REGIONS.len()];
    v.alerts
        .retain(|w| w.code != crate::device::safety::WarningCode::Discomfort);
    v
}
