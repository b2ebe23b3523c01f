//! The right-hand panel every implant's inside view is drawn in.

use crate::ui::request::Shared;
use egui::Ui;

/// Draws `add` in the inside view's right-hand panel, if it is shown: chosen in *More*,
/// not in blind mode (it tells what the patient feels), and only when the patient in the
/// middle keeps room. `add` is given the panel's height. For every kind of implant.
pub fn side_panel(ui: &mut Ui, shared: &Shared<'_>, add: impl FnOnce(&mut Ui, f32)) {
    if !shared.prefs.show_inside || shared.blind || ui.available_width() < 320.0 + 420.0 {
        return;
    }
    // 340 points wide, less in a narrow window (150 % zoom on 1280 × 720) so the patient in
    // the middle keeps room.
    let width = (0.4 * ui.available_width()).clamp(220.0, 340.0);
    egui::Panel::right("inside")
        .exact_size(width)
        .resizable(false)
        .show(ui, |ui| {
            let height = ui.available_height();
            egui::ScrollArea::vertical().show(ui, |ui| add(ui, height));
        });
}
