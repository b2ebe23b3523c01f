//! The left side panel that holds the clinician's or the teacher's tools.

/// A scrolling side panel for the clinician's or the teacher's tools; returns what the
/// tools asked for.
pub fn tool_panel<R: Default>(
    ui: &mut egui::Ui,
    id: &str,
    tools: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    let width = if id == "clinician" { 600.0 } else { 440.0 };
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
