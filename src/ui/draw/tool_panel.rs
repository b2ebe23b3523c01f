//! The left side panel that holds the clinician's or the teacher's tools.

/// The width of the clinician's (`id` "clinician") or the teacher's tools, points: 600 or
/// 440, grown with the theme's text (a fifth with the projector theme) so that their rows
/// keep fitting.
pub fn tools_width(ui: &egui::Ui, id: &str) -> f32 {
    let plain = if id == "clinician" { 600.0 } else { 440.0 };
    plain * crate::ui::draw::label::text_scale(ui)
}

/// A scrolling side panel for the clinician's or the teacher's tools; returns what the
/// tools asked for.
pub fn tool_panel<R: Default>(
    ui: &mut egui::Ui,
    id: &str,
    tools: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    let width = tools_width(ui, id);
    let mut out = R::default();
    egui::Panel::left(id)
        .exact_size(width)
        .resizable(false)
        .show(ui, |ui| {
            crate::ui::draw::region::panel(
                ui,
                if id == "clinician" {
                    "Programmer panel"
                } else {
                    "Teacher panel"
                },
            );
            out = crate::ui::draw::region::scroll_down(ui, tools);
        });
    out
}
