//! The right-hand panel every implant's inside view is drawn in, and what the *More*
//! menu is told when a panel it shows as on is not on screen.

use crate::ui::request::Shared;
use egui::Ui;

/// Room the patient in the middle keeps beside the inside view, points.
const PATIENT_ROOM: f32 = 320.0;

/// The inside view's narrowest, points: narrower, its pictures' labels would be cut.
const INSIDE_MIN: f32 = 300.0;

/// A panel chosen in *More* that this frame could not show, and why (the menu says so
/// instead of showing it as on).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hidden {
    /// Blind mode hides it (it tells what only the model knows).
    Blind,
    /// The window has no room for it beside the other panels.
    NoRoom,
    /// This implant has no such panel (a drug pump's pain over time is in its patient
    /// panel).
    NotThisImplant,
}

impl Hidden {
    /// Why, in a few words for the menu.
    pub fn words(self) -> &'static str {
        match self {
            Hidden::Blind => "hidden in blind mode",
            Hidden::NoRoom => "no room at this size",
            Hidden::NotThisImplant => "none for this implant",
        }
    }
}

/// Where the note for `panel` ("inside" or "plots") is kept between frames.
fn key(panel: &str) -> egui::Id {
    egui::Id::unique(("hidden panel", panel))
}

/// Notes for the *More* menu whether `panel` ("inside" or "plots") was left out this
/// frame, and why.
pub fn note_hidden(ctx: &egui::Context, panel: &str, hidden: Option<Hidden>) {
    ctx.data_mut(|d| d.insert_temp(key(panel), hidden));
}

/// Why `panel` was left out in the last frame, if it was.
pub fn hidden(ctx: &egui::Context, panel: &str) -> Option<Hidden> {
    ctx.data(|d| d.get_temp::<Option<Hidden>>(key(panel)).flatten())
}

/// Draws `add` in the inside view's right-hand panel, if it is shown: chosen in *More*,
/// not in blind mode (it tells what the patient feels), and only when the patient in the
/// middle keeps room. `add` is given the panel's height. For every kind of implant.
pub fn side_panel(ui: &mut Ui, shared: &Shared<'_>, add: impl FnOnce(&mut Ui, f32)) {
    let why = if !shared.prefs.show_inside {
        None
    } else if shared.blind {
        Some(Hidden::Blind)
    } else if ui.available_width() < PATIENT_ROOM + INSIDE_MIN {
        Some(Hidden::NoRoom)
    } else {
        None
    };
    note_hidden(ui.ctx(), "inside", why);
    if !shared.prefs.show_inside || why.is_some() {
        return;
    }
    // 340 points wide, less in a narrow window (150 % zoom on 1280 × 720) so the patient in
    // the middle keeps room.
    let width = (0.4 * ui.available_width()).clamp(INSIDE_MIN, 340.0);
    egui::Panel::right("inside")
        .exact_size(width)
        .resizable(false)
        .show(ui, |ui| {
            crate::ui::draw::region::panel(ui, "Inside panel");
            let height = ui.available_height();
            crate::ui::draw::region::scroll_down(ui, |ui| add(ui, height));
        });
}
