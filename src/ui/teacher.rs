//! Teacher controls: live events, quiz mode, the relief map, practice patients, exercises
//! with hints and scoring, and session files with replay and CSV export.

use super::App;
use super::prefs::Speed;
use crate::device::impedance::{ContactFault, Fault};
use crate::device::lead::Vertebra;
use crate::remote::Link;
use crate::session::Command;
use crate::session::relief_map::ReliefMap;
use crate::training::exercise::BUILT_IN as EXERCISES;
use egui::{Color32, CornerRadius, Rect, Sense, Ui, pos2, vec2};

/// What the teacher panel asks the app to do.
pub enum Request {
    /// An event of the world.
    Event(Command),
    /// A new practice patient from this seed.
    Practice(u64),
    /// Start this exercise.
    StartExercise(String),
    /// Score the running exercise and show the debrief.
    Finish,
    /// Save the session to the path field.
    Save,
    /// Load (and replay) the session in the path field.
    Load,
    /// Export series and actions as CSV next to the path.
    ExportCsv,
    /// Compute the relief map.
    ReliefMap,
    /// Jump the replay to this time.
    Scrub(f64),
}

/// Draws the teacher panel.
pub fn teacher_ui(ui: &mut Ui, app: &mut App) -> Vec<Request> {
    let mut out = Vec::new();
    ui.heading("Teacher");
    ui.label("Events");
    ui.horizontal_wrapped(|ui| {
        if ui.button("Lead migrates one level down").clicked() {
            for (lead, p) in app.session.device.placements.iter().enumerate() {
                let placement = crate::device::lead::Placement {
                    level: Vertebra::clamped(p.level.index() + 1),
                    ..*p
                };
                out.push(Request::Event(Command::PlaceLead { lead, placement }));
            }
        }
        let contact = ui.add(
            egui::DragValue::new(&mut app.fault_contact)
                .range(0..=7)
                .prefix("contact "),
        );
        if ui
            .button("Open circuit on lead 1")
            .labelled_by(contact.id)
            .clicked()
        {
            out.push(Request::Event(Command::InjectFault(ContactFault {
                lead: 0,
                contact: app.fault_contact,
                fault: Fault::Open,
            })));
        }
        if ui.button("Low battery").clicked() {
            out.push(Request::Event(Command::SetBattery(8.0)));
        }
        let link = app.session.remote.link;
        let (label, next) = if link == Link::Connected {
            ("Lose telemetry", Link::Lost)
        } else {
            ("Restore telemetry", Link::Connected)
        };
        if ui.button(label).clicked() {
            out.push(Request::Event(Command::SetLink(next)));
        }
        let mut frozen = app.prefs.speed == Speed::Paused;
        if ui.toggle_value(&mut frozen, "Freeze time").changed() {
            app.toggle_pause();
        }
        let mut quiz = !app.prefs.show_inside;
        if ui
            .toggle_value(&mut quiz, "Quiz: hide the inside view")
            .changed()
        {
            app.prefs.show_inside = !quiz;
        }
    });
    ui.separator();
    ui.horizontal(|ui| {
        ui.label("Practice patient from seed");
        ui.add(egui::DragValue::new(&mut app.practice_seed).range(0..=u64::MAX))
            .on_hover_text("Every seed is a different, reproducible patient");
        if ui.button("New practice patient").clicked() {
            out.push(Request::Practice(app.practice_seed));
        }
    });
    ui.separator();
    exercise_ui(ui, app, &mut out);
    ui.separator();
    ui.horizontal(|ui| {
        let path = ui.label("Session file");
        ui.add(egui::TextEdit::singleline(&mut app.session_path).desired_width(160.0))
            .labelled_by(path.id);
    });
    ui.horizontal(|ui| {
        if ui.button("Save session").clicked() {
            out.push(Request::Save);
        }
        if ui.button("Load and replay").clicked() {
            out.push(Request::Load);
        }
        if ui.button("Export CSV").clicked() {
            out.push(Request::ExportCsv);
        }
    });
    if let Some(replay) = &app.replay {
        let mut t = app.session.t_s;
        let slider = egui::Slider::new(&mut t, 0.0..=replay.t_s).text("replay time (s)");
        if ui.add(slider).changed() {
            out.push(Request::Scrub(t));
        }
    }
    ui.separator();
    if ui.button("Compute relief map").clicked() {
        out.push(Request::ReliefMap);
    }
    if let Some(map) = &app.relief_map {
        relief_map_ui(
            ui,
            map,
            app.session.device.program().settings.amplitude_ma,
            app.session.device.program().settings.pulse_width_us,
        );
    }
    out
}

fn exercise_ui(ui: &mut Ui, app: &mut App, out: &mut Vec<Request>) {
    ui.horizontal(|ui| {
        egui::ComboBox::from_id_salt("exercise")
            .selected_text(app.exercise_choice.clone())
            .show_ui(ui, |ui| {
                for (id, _) in EXERCISES {
                    ui.selectable_value(&mut app.exercise_choice, id.to_string(), id);
                }
            })
            .response
            .on_hover_text("Choose an exercise");
        if ui.button("Start exercise").clicked() {
            out.push(Request::StartExercise(app.exercise_choice.clone()));
        }
    });
    if let Some(ex) = &app.exercise {
        ui.strong(&ex.title);
        ui.label(&ex.brief);
        ui.label(format!(
            "Time: {:.0} of {:.0} simulated s",
            app.session.t_s, ex.time_budget_s
        ));
        for hint in ex.hints.iter().take(app.hints_shown) {
            ui.small(format!("Hint: {hint}"));
        }
        ui.horizontal(|ui| {
            if app.hints_shown < ex.hints.len() && ui.button("Show a hint").clicked() {
                app.hints_shown += 1;
            }
            if ui.button("Finish and score").clicked() {
                out.push(Request::Finish);
            }
        });
    }
}

/// Relief over amplitude (x) × pulse width (y) as a heat map, the present setting marked.
pub fn relief_map_ui(ui: &mut Ui, map: &ReliefMap, amplitude_ma: f64, pulse_width_us: f64) {
    ui.label("Relief map: amplitude along, pulse width up; the ring is the present setting, white ticks the discomfort threshold");
    let (rect, _) =
        ui.allocate_exact_size(vec2(ui.available_width().min(380.0), 220.0), Sense::hover());
    let p = ui.painter_at(rect);
    let (na, np) = (map.amplitudes.len(), map.pulse_widths.len());
    if na == 0 || np == 0 {
        return;
    }
    let cw = rect.width() / na as f32;
    let ch = rect.height() / np as f32;
    for j in 0..np {
        for i in 0..na {
            let r = map.relief[j * na + i] as f32 / 70.0;
            let c = Color32::from_rgb(
                (30.0 + 20.0 * r) as u8,
                (40.0 + 170.0 * r.min(1.0)) as u8,
                (90.0 + 60.0 * r.min(1.0)) as u8,
            );
            let y = rect.bottom() - (j + 1) as f32 * ch;
            p.rect_filled(
                Rect::from_min_size(
                    pos2(rect.left() + i as f32 * cw, y),
                    vec2(cw + 0.5, ch + 0.5),
                ),
                CornerRadius::ZERO,
                c,
            );
        }
        if let Some(dt) = map.discomfort_ma[j] {
            let max = map.amplitudes[na - 1].max(1e-6);
            let x = rect.left() + rect.width() * (dt / max).min(1.0) as f32;
            let y = rect.bottom() - (j as f32 + 0.5) * ch;
            p.line_segment(
                [pos2(x, y - ch * 0.4), pos2(x, y + ch * 0.4)],
                egui::Stroke::new(2.0, Color32::WHITE),
            );
        }
    }
    let max_a = map.amplitudes[na - 1];
    let (pw0, pw1) = (map.pulse_widths[0], map.pulse_widths[np - 1]);
    let x = rect.left() + rect.width() * (amplitude_ma / max_a).clamp(0.0, 1.0) as f32;
    let y = rect.bottom()
        - rect.height() * ((pulse_width_us - pw0) / (pw1 - pw0).max(1e-6)).clamp(0.0, 1.0) as f32;
    p.circle_stroke(
        pos2(x, y),
        7.0,
        egui::Stroke::new(2.5, Color32::from_rgb(0xF0, 0xE4, 0x42)),
    );
    ui.small(format!(
        "0–{max_a:.0} mA · {pw0:.0}–{pw1:.0} µs · brighter = more relief (up to 70 %)"
    ));
}
