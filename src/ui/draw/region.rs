//! Panels and scroll areas named in the accessibility tree with their bounds: a screen
//! reader can say which panel a control is in, and the layout tests
//! (`tests/ui_fits.rs`) check that every control lies inside its panel or can be
//! scrolled to.

use egui::{Rect, Role, Ui};

/// Names the panel that `ui` fills (`name`, e.g. "Remote panel") and gives it the bounds
/// it shows (its clip rectangle) in the accessibility tree.
pub fn panel(ui: &Ui, name: &str) {
    mark(ui, Role::Pane, Some(name));
}

/// A vertical scroll area in `ui` whose viewport is given in the accessibility tree, so
/// that what lies below it is known to be reachable by scrolling; returns what `add` did.
pub fn scroll<R>(ui: &mut Ui, area: egui::ScrollArea, add: impl FnOnce(&mut Ui) -> R) -> R {
    area.show(ui, |ui| {
        mark(ui, Role::ScrollView, None);
        add(ui)
    })
    .inner
}

/// A vertical scroll area of the whole room left in `ui`, as [`scroll`].
pub fn scroll_down<R>(ui: &mut Ui, add: impl FnOnce(&mut Ui) -> R) -> R {
    scroll(ui, egui::ScrollArea::vertical(), add)
}

/// Sets the role, name and bounds (the visible part, `ui`'s clip rectangle) of `ui`'s node.
fn mark(ui: &Ui, role: Role, name: Option<&str>) {
    let Rect { min, max } = ui.clip_rect();
    ui.ctx().accesskit_node_builder(ui.unique_id(), |node| {
        node.set_role(role);
        if let Some(name) = name {
            node.set_label(name);
        }
        node.set_bounds(egui::accesskit::Rect {
            x0: min.x.into(),
            y0: min.y.into(),
            x1: max.x.into(),
            y1: max.y.into(),
        });
    });
}
