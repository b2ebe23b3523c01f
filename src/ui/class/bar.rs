//! The class bar over the window during a class attempt: whose attempt, the connection
//! (connected, reconnecting, offline), the entries waiting, whether someone watches, and
//! the server's refusal that stopped the attempt.

use super::desk::ClassDesk;
use super::link::Connection;
use super::watch::{Watch, WatchState};
use crate::implant::stim::mri::clock;
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
        Connection::Reconnecting | Connection::Offline if waiting == 0 => format!(
            "{} — nothing waiting (what you do is kept in order and sent when the server answers)",
            connection.words()
        ),
        Connection::Reconnecting | Connection::Offline => format!(
            "{} — {waiting} {entries} waiting (kept in order, sent when the server answers)",
            connection.words()
        ),
        Connection::Stopped => "stopped".into(),
        Connection::Over => "graded by the class server".into(),
    }
}

/// The attempt's clock in one line, with what a trainee needs to know about it: it runs
/// while the window is paused, and the server grades the attempt when it reaches the
/// exercise's `budget_s`.
pub fn clock_words(clock_s: f64, budget_s: f64) -> String {
    if clock_s >= budget_s {
        "Class clock: the time is up; the class server grades the attempt as it stands".into()
    } else {
        format!(
            "Class clock {} of {} (it runs on while you pause)",
            clock(clock_s),
            clock(budget_s)
        )
    }
}

/// Draws the bar while a class attempt is on; `budget_s` is the exercise's time budget.
pub fn show(ui: &mut egui::Ui, desk: &ClassDesk, budget_s: Option<f64>) {
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
            let now = ui.input(|i| i.time);
            let live = !matches!(connection, Connection::Over | Connection::Stopped);
            if let (Some(clock), Some(budget), true) =
                (a.link.server_clock_s(now), budget_s, live && !a.demo)
            {
                ui.separator();
                ui.label(clock_words(clock, budget));
                // The clock's seconds move on paused or not.
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_secs(1));
            }
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
        assert!(connection_words(Connection::Offline, 0).starts_with("offline — nothing waiting"));
    }

    #[test]
    fn the_class_clock_reads_as_minutes_and_says_when_time_is_up() {
        assert_eq!(
            clock_words(400.0, 600.0),
            "Class clock 6:40 of 10:00 (it runs on while you pause)"
        );
        assert!(clock_words(5000.0, 86_400.0).contains("1:23:20 of 24:00:00"));
        assert!(clock_words(600.0, 600.0).contains("time is up"));
    }
}
