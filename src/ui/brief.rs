//! The running exercise beside the programmer of every implant: its brief, the next visit
//! (in an exercise that spans days), and the trainee's own "Finish exercise" (the
//! teacher's controls are not the trainee's).

use crate::session::action_words::gap_words;
use crate::session::command::AccessRequest;
use crate::session::{Command, MIN_VISIT_GAP_S, Session};
use crate::training::exercise::Exercise;
use crate::ui::request::{Request, Shared};
use egui::{RichText, Ui};

/// The gaps offered to the next visit, s: a day, three days (a new 10 kHz program or a
/// ziconotide step is judged after one to three), a week.
pub const VISIT_GAPS_S: [f64; 3] = [86_400.0, 3.0 * 86_400.0, 7.0 * 86_400.0];

/// The exercise's brief in a box of fixed height, the next visit, and the button that
/// ends the attempt and shows its debrief.
pub fn brief_ui(ui: &mut Ui, shared: &Shared<'_>, ex: &Exercise, out: &mut Vec<Request>) {
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
            if ex.time_budget_s >= VISIT_GAPS_S[0] {
                visit_ui(ui, shared.session, ex.time_budget_s, out);
            }
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

/// The next visit: while the patient is at home, how far the days have come; otherwise a
/// button per gap that fits in the exercise's time (`budget_s`).
fn visit_ui(ui: &mut Ui, s: &Session, budget_s: f64, out: &mut Vec<Request>) {
    if s.t_s < s.away_until_s {
        let from = s
            .log
            .iter()
            .rev()
            .find(|e| matches!(e.command, Command::Access(AccessRequest::NextVisit { .. })))
            .map_or(0.0, |e| e.t_s);
        let gap = (s.away_until_s - from).max(1.0);
        ui.label(format!(
            "At home: {} of {} have passed",
            gap_words(s.t_s - from),
            gap_words(gap)
        ));
        ui.add(egui::ProgressBar::new(((s.t_s - from) / gap) as f32));
        return;
    }
    // An hour of the exercise's time is kept after the last visit, to judge and finish.
    let left = budget_s - s.t_s - MIN_VISIT_GAP_S;
    ui.horizontal_wrapped(|ui| {
        ui.label("Next visit:").on_hover_text(
            "End this visit: the patient goes home and days pass at once. Judge a new \
             setting after one to three days, as clinics do.",
        );
        for gap in VISIT_GAPS_S {
            let fits = gap <= left;
            let button = ui
                .add_enabled(fits, egui::Button::new(format!("in {}", gap_words(gap))))
                .on_disabled_hover_text("Beyond the exercise's time (an hour is kept to finish)");
            if button.clicked() {
                out.push(Request::NextVisit(gap));
            }
        }
        if (MIN_VISIT_GAP_S..VISIT_GAPS_S[0]).contains(&left) {
            // Less than a day is left: the last visit an hour before the exercise's end.
            let gap = (left / MIN_VISIT_GAP_S).floor() * MIN_VISIT_GAP_S;
            if ui.button(format!("in {}", gap_words(gap))).clicked() {
                out.push(Request::NextVisit(gap));
            }
        }
    });
}
