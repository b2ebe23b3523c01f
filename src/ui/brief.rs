//! The running exercise beside the programmer of every implant: its brief, and the
//! trainee's own "Finish exercise" (the teacher's controls are not the trainee's).

use crate::training::exercise::Exercise;
use crate::ui::request::Request;
use egui::{RichText, Ui};

/// The exercise's brief in a box of fixed height, and the button that ends the attempt
/// and shows its debrief.
pub fn brief_ui(ui: &mut Ui, ex: &Exercise, out: &mut Vec<Request>) {
    // The title wraps below a short header: a long title on the header itself would
    // widen the panel past the window's edge.
    let brief = egui::CollapsingHeader::new(RichText::new("Exercise").strong())
        .id_salt("brief")
        .default_open(true)
        .show(ui, |ui| {
            ui.add(egui::Label::new(RichText::new(&ex.title).strong()).wrap());
            let area = egui::ScrollArea::vertical()
                .id_salt("brief-text")
                .max_height(66.0)
                .auto_shrink([false, true]);
            crate::ui::draw::region::scroll(ui, area, |ui| ui.label(&ex.brief));
            if ui
                .button("Finish exercise")
                .on_hover_text("End the attempt and see its score and debrief")
                .clicked()
            {
                out.push(Request::Finish);
            }
        });
    // The first time an exercise's brief is drawn, the programmer scrolls to it (it may
    // have been scrolled down before the exercise started).
    let seen = egui::Id::unique(("brief seen", ex.id.as_str()));
    let first = ui.ctx().data_mut(|d| {
        let first = d.get_temp::<bool>(seen).is_none();
        d.insert_temp(seen, true);
        first
    });
    if first {
        brief.header_response.scroll_to_me(None);
    }
}
