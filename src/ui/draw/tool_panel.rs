//! The left side panel that holds the clinician's or the teacher's tools.

/// Room the patient in the middle keeps beside the tools, points: with less, the remote
/// folds, then the window shows the tools and the patient one at a time.
pub const PATIENT_ROOM: f32 = 320.0;

/// The width of the clinician's (`id` "clinician") or the teacher's tools, points: 600 or
/// 440, grown with the theme's text (a fifth with the projector theme) so that their rows
/// keep fitting.
pub fn tools_width(ui: &egui::Ui, id: &str) -> f32 {
    let plain = if id == "clinician" { 600.0 } else { 440.0 };
    plain * crate::ui::draw::label::text_scale(ui)
}

/// Whether the room left in `ui` is too narrow for the tools `id` and the patient side by
/// side: then the window shows one at a time (`shell/narrow.rs`).
pub fn too_narrow_for_both(ui: &egui::Ui, id: &str) -> bool {
    ui.available_width() < tools_width(ui, id) + PATIENT_ROOM
}

/// A scrolling side panel for the clinician's or the teacher's tools; returns what the
/// tools asked for. In a window too narrow for the tools and the patient side by side,
/// which then shows them alone (`shell/narrow.rs`), they take the whole room.
pub fn tool_panel<R: Default>(
    ui: &mut egui::Ui,
    id: &str,
    tools: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    let width = tools_width(ui, id);
    let name = if id == "clinician" {
        "Programmer panel"
    } else {
        "Teacher panel"
    };
    let contents = |ui: &mut egui::Ui| {
        crate::ui::draw::region::panel(ui, name);
        crate::ui::draw::region::scroll_down(ui, tools)
    };
    if too_narrow_for_both(ui, id) {
        return egui::CentralPanel::default().show(ui, contents).inner;
    }
    egui::Panel::left(id)
        .exact_size(width)
        .resizable(false)
        .show(ui, contents)
        .inner
}
