//! The core's last answers, where every implant's panels show them: a refusal on the
//! patient's remote (gone after a few seconds) and the programmer's message line (a
//! refusal, a wrong PIN, a problem the programmer found itself).

/// Seconds a refusal stays on the remote's screen.
const REMOTE_MESSAGE_S: f64 = 3.0;

/// The last refusal of the remote and the programmer's last message; the shell sets them
/// from the core's answers, the implant's panels show them.
#[derive(Debug, Default)]
pub struct Answers {
    /// Refusal shown on the remote's screen and when it expires (egui time, s).
    remote: Option<(String, f64)>,
    /// The programmer's last refusal or message.
    programmer: Option<String>,
}

impl Answers {
    /// The refusal on the remote's screen, if any.
    pub fn remote(&self) -> Option<&str> {
        self.remote.as_ref().map(|(m, _)| m.as_str())
    }

    /// Shows the outcome of a command sent as the patient at `now`: a refusal stays on the
    /// screen for a few seconds, an accepted command clears it.
    pub fn answer_remote(&mut self, refusal: Option<String>, now: f64) {
        self.remote = refusal.map(|m| (m, now + REMOTE_MESSAGE_S));
    }

    /// Takes the remote's refusal off its screen once its time is over, and asks for a
    /// repaint when that is due (paused, nothing else repaints).
    pub fn expire_remote(&mut self, ctx: &egui::Context, now: f64) {
        if self.remote.as_ref().is_some_and(|(_, until)| now > *until) {
            self.remote = None;
        }
        if let Some((_, until)) = &self.remote {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(until - now + 0.05));
        }
    }

    /// The programmer's last refusal or message, if any.
    pub fn programmer(&self) -> Option<&str> {
        self.programmer.as_deref()
    }

    /// Shows the outcome of the programmer's last request (`None`: it was accepted).
    pub fn answer_programmer(&mut self, refusal: Option<String>) {
        self.programmer = refusal;
    }

    /// A new session: both screens are clear.
    pub fn clear(&mut self) {
        self.remote = None;
        self.programmer = None;
    }
}
