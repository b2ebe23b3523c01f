//! The class bar over the window during a class attempt: whose attempt, the connection
//! (connected, reconnecting, offline), the entries waiting, whether someone watches, and
//! the server's refusal that stopped the attempt.

use super::desk::ClassDesk;
use super::link::Connection;
use super::watch::{Watch, WatchState};
use crate::ui::request::Request;
use egui::{Color32, RichText};

/// The connection in one line: "connected", "offline — 5 entries waiting (kept in order,
/// sent when the server answers)".
pub fn connection_words(connection: Connection, waiting: usize) -> String {
    let entries = if waiting == 1 { "entry" } else { "entries" };
    match connection {
        Connection::Connected if waiting == 0 => "connected: every action is recorded".into(),
        Connection::Connected => format!("connected — sending {waiting} {entries}"),
        Connection::Connecting => "connecting to the class server…".into(),
        Connection::Reconnecting | Connection::Offline => format!(
            "{} — {waiting} {entries} waiting (kept in order, sent when the server answers)",
            connection.words()
        ),
        Connection::Stopped => "stopped".into(),
        Connection::Over => "graded by the class server".into(),
    }
}

/// Draws the bar while a class attempt is on.
pub fn show(ui: &mut egui::Ui, desk: &ClassDesk) {
    let Some(a) = desk.attempt() else { return };
    let connection = a.link.connection();
    let colour = match connection {
        Connection::Connected | Connection::Over => Color32::from_rgb(0, 140, 70),
        Connection::Connecting | Connection::Reconnecting => Color32::from_rgb(200, 140, 0),
        Connection::Offline | Connection::Stopped => Color32::from_rgb(200, 40, 40),
    };
    egui::Panel::top("class-bar").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.strong(format!("Class: {}", desk.whose));
            ui.separator();
            let (dot, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().circle_filled(dot.center(), 5.0, colour);
            ui.label(
                RichText::new(format!(
                    "Class server: {}",
                    connection_words(connection, a.link.waiting())
                ))
                .color(colour),
            );
            if a.link.watchers() > 0 {
                ui.separator();
                ui.label(RichText::new("The teacher is watching this attempt").strong());
            }
            if a.link.finishing() && connection != Connection::Over {
                ui.separator();
                ui.label("Finishing: the class server grades the attempt…");
            }
        });
        if let Some(why) = &a.stopped {
            ui.colored_label(Color32::from_rgb(200, 40, 40), why);
        }
    });
}

/// Draws the bar of the read-only view: whose session, where the stream stands, and the
/// way out; returns *Stop watching* when pressed.
pub fn watch_bar(ui: &mut egui::Ui, watch: &Watch) -> Vec<Request> {
    let mut out = Vec::new();
    let who = watch.start.as_ref().map_or("…", |s| s.who.as_str());
    let what = if watch.of_attempt() {
        format!("Watching {who}'s attempt, read-only")
    } else {
        format!("Following {who}'s demonstration, read-only")
    };
    let state = match watch.state() {
        WatchState::Connecting => "connecting to the class server…".to_string(),
        WatchState::Waiting => "waiting for the teacher to start a demonstration".into(),
        WatchState::Following if watch.of_attempt() && !watch.trainee_connected => {
            "live (the trainee's window is not connected just now)".into()
        }
        WatchState::Following => "live".into(),
        WatchState::Reconnecting => "reconnecting…".into(),
        WatchState::Ended => "ended".into(),
        WatchState::Refused(why) => why.clone(),
    };
    egui::Panel::top("watch-bar").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            ui.strong(what);
            ui.separator();
            ui.label(state);
            if watch.hidden_truth() {
                ui.separator();
                ui.label("the hidden truth is shown (teacher)");
            }
            if ui.button("Stop watching").clicked() {
                out.push(Request::StopWatching);
            }
        });
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_connection_says_what_waits() {
        assert_eq!(
            connection_words(Connection::Offline, 1),
            "offline — 1 entry waiting (kept in order, sent when the server answers)"
        );
        assert!(connection_words(Connection::Connected, 0).starts_with("connected"));
    }
}
