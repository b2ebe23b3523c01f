//! The left-hand panel every implant's remote is drawn in. Beside the clinician's or the
//! teacher's tools in a window too narrow for the remote, the tools and the patient, it
//! folds to a strip with a button that opens it again: never silently gone.

use crate::ui::Mode;
use crate::ui::draw::tool_panel::{PATIENT_ROOM, tools_width};
use crate::ui::request::Shared;
use egui::{Role, Ui, WidgetInfo};

/// The remote panel's width, points.
pub const REMOTE_WIDTH: f32 = 290.0;

/// The folded strip's width, points.
const STRIP_WIDTH: f32 = 40.0;

/// Whether the remote was opened by hand while the window is too narrow for it.
#[derive(Debug, Default)]
pub struct Fold {
    /// Opened by hand: shown although the tools and the patient lose room.
    opened: bool,
}

/// The width of the tools beside the remote in `mode`, points.
fn tools_beside(ui: &Ui, mode: Mode) -> f32 {
    match mode {
        Mode::Patient => 0.0,
        Mode::Clinician => tools_width(ui, "clinician"),
        Mode::Teach => tools_width(ui, "teacher"),
    }
}

/// Draws the remote (`add`) in its left panel `id`, or, beside the tools in a narrow
/// window, a strip that opens it. `add` draws the remote's contents.
pub fn remote_side(
    ui: &mut Ui,
    shared: &Shared<'_>,
    (fold, id): (&mut Fold, &str),
    add: impl FnOnce(&mut Ui),
) {
    let short = ui.available_width() < REMOTE_WIDTH + tools_beside(ui, shared.mode) + PATIENT_ROOM;
    if short && !fold.opened {
        egui::Panel::left(format!("{id}-folded"))
            .exact_size(STRIP_WIDTH)
            .resizable(false)
            .show(ui, |ui| {
                crate::ui::draw::region::panel(ui, "Folded remote panel");
                // "Remote" down the strip, a letter a line.
                let text: String = "»\nR\ne\nm\no\nt\ne".into();
                let open = ui.add(egui::Button::new(text));
                open.widget_info(|| WidgetInfo::labeled(Role::Button, true, "Show the remote"));
                if open
                    .on_hover_text("Show the remote (the window is narrow beside the tools)")
                    .clicked()
                {
                    fold.opened = true;
                }
            });
        return;
    }
    egui::Panel::left(id.to_string())
        .exact_size(REMOTE_WIDTH)
        .resizable(false)
        .show(ui, |ui| {
            crate::ui::draw::region::panel(ui, "Remote panel");
            if short
                && ui
                    .small_button("« Fold the remote")
                    .on_hover_text("Give its room back to the tools and the patient")
                    .clicked()
            {
                fold.opened = false;
            }
            // A short window (a projector at 150 %) scrolls the remote rather than cutting
            // off its lower keys.
            egui::ScrollArea::vertical()
                .id_salt("remote-scroll")
                .show(ui, |ui| add(ui));
        });
}
