//! The live record of one class attempt: entries kept in order in an outbox until the
//! server acknowledges them, sent as the connection allows (at most 15 a second, under
//! the server's 20), the connection re-opened after a drop with the attempt resumed from
//! the server's last acknowledged entry, and the server's refusal, which stops the attempt.

use super::wire::{ServerMsg, live_url};
use crate::session::command::AccessRequest;
use crate::session::{Command, LogEntry};
use crate::training::score::ScoreReport;
use ewebsock::{WsEvent, WsMessage, WsReceiver, WsSender};
use std::collections::VecDeque;

/// Messages sent in any one second at most (the server takes 20 a second on average).
const PER_SECOND: usize = 15;
/// Failed connections in a row after which the window says it is offline.
const OFFLINE_AFTER: u32 = 3;
/// Longest wait between two tries to reconnect, s.
const MAX_BACKOFF_S: f64 = 5.0;
/// How long a connection may take to say where the attempt stands, s.
const READY_WITHIN_S: f64 = 10.0;

/// The connection as the trainee sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Connection {
    /// Opening the first connection.
    Connecting,
    /// The server takes entries as they happen.
    Connected,
    /// The connection dropped: trying again.
    Reconnecting,
    /// The server has not answered several tries: entries wait, in order.
    Offline,
    /// The server refused an entry: the attempt stops there.
    Stopped,
    /// Graded.
    Over,
}

impl Connection {
    /// The state in a word or two, for the class bar.
    pub fn words(self) -> &'static str {
        match self {
            Connection::Connecting => "connecting",
            Connection::Connected => "connected",
            Connection::Reconnecting => "reconnecting",
            Connection::Offline => "offline",
            Connection::Stopped => "stopped",
            Connection::Over => "graded",
        }
    }
}

/// What the link has to tell the window.
#[derive(Debug)]
pub enum LinkEvent {
    /// A demonstration's opening, from the server's first `ready`: build this session.
    Opening {
        /// The exercise, if it is one.
        exercise: Option<String>,
        /// The built-in patient of a free session.
        patient: Option<String>,
        /// The seed of its patient.
        seed: u64,
    },
    /// The demonstration ended.
    Ended,
    /// The server's grade and debrief.
    Graded(Box<ScoreReport>),
    /// The attempt stops: why, in one sentence.
    Stopped(String),
}

/// The attempt's clock as the server last said it: simulated `clock_s` at the window's
/// wall time `at` (s), running at `speed`. The server ends the attempt by this clock, which
/// runs on while the window is paused.
#[derive(Clone, Copy, Debug)]
struct ServerClock {
    clock_s: f64,
    at: f64,
    speed: f64,
}

/// An open WebSocket and whether the server said where the attempt stands.
struct Socket {
    sender: WsSender,
    receiver: WsReceiver,
    opened_at: f64,
    ready: bool,
}

/// The live record of one attempt.
pub struct LiveLink {
    url: String,
    hello: String,
    socket: Option<Socket>,
    /// Entries not acknowledged yet: (seq, message), in order.
    outbox: VecDeque<(i64, String)>,
    /// The last entry sent on this connection.
    sent_upto: i64,
    /// The last entry the server acknowledged.
    acked: i64,
    /// Next visits sent and not acknowledged yet: (seq, gap s). The server's clock moves
    /// on by a visit's gap once it takes it.
    visits: VecDeque<(i64, f64)>,
    /// The last entry handed to the link.
    queued: i64,
    /// The finish asked for (simulated time), and whether it went out.
    finish: Option<(f64, bool)>,
    failures: u32,
    retry_at: f64,
    sent_times: VecDeque<f64>,
    state: Option<Connection>,
    watchers: u32,
    /// A teacher's demonstration (its opening comes with the first `ready`).
    demo: bool,
    /// The demonstration's opening was reported.
    opened: bool,
    /// The attempt's clock from the server's last `ready` (none for a demonstration).
    clock: Option<ServerClock>,
}

impl std::fmt::Debug for LiveLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LiveLink")
            .field("url", &self.url)
            .field("waiting", &self.outbox.len())
            .field("acked", &self.acked)
            .finish_non_exhaustive()
    }
}

impl LiveLink {
    /// The live record of `attempt` on the server at `base`, as the student of `token`.
    pub fn new(base: &str, token: &str, attempt: &str) -> LiveLink {
        let hello = serde_json::json!({ "type": "hello", "token": token, "attempt": attempt });
        LiveLink::with_hello(base, hello.to_string(), false)
    }

    /// The live record of the teacher's demonstration `demo` (its `key` from the
    /// dashboard) on the server at `base`.
    pub fn demo(base: &str, demo: &str, key: &str) -> LiveLink {
        let hello = serde_json::json!({ "type": "hello", "demo": demo, "key": key });
        LiveLink::with_hello(base, hello.to_string(), true)
    }

    fn with_hello(base: &str, hello: String, demo: bool) -> LiveLink {
        LiveLink {
            url: live_url(base),
            hello,
            socket: None,
            outbox: VecDeque::new(),
            sent_upto: 0,
            acked: 0,
            visits: VecDeque::new(),
            queued: 0,
            finish: None,
            failures: 0,
            retry_at: 0.0,
            sent_times: VecDeque::new(),
            state: None,
            watchers: 0,
            demo,
            opened: false,
            clock: None,
        }
    }

    /// Keeps `entry` as entry `queued + 1`, to send as soon as the connection allows.
    pub fn push(&mut self, entry: &LogEntry) {
        if self.state.is_some() {
            return;
        }
        self.queued += 1;
        let wire = serde_json::json!({
            "type": "entry", "seq": self.queued, "t_s": entry.t_s, "sender": entry.role,
            "command": entry.command, "outcome": entry.refused,
        });
        self.outbox.push_back((self.queued, wire.to_string()));
        if let (Command::Access(AccessRequest::NextVisit { after_s }), None) =
            (&entry.command, &entry.refused)
        {
            self.visits.push_back((self.queued, *after_s));
        }
    }

    /// Moves the server's clock on by the gaps of the visits it has now taken up to `seq`
    /// (`ack`: a `ready` already counts them).
    fn visits_taken(&mut self, seq: i64, ack: bool) {
        while let Some(&(s, gap)) = self.visits.front() {
            if s > seq {
                break;
            }
            self.visits.pop_front();
            if let (true, Some(c)) = (ack, &mut self.clock) {
                c.clock_s += gap;
            }
        }
    }

    /// Asks the server to grade the attempt at simulated time `t_s`, after every entry.
    pub fn finish(&mut self, t_s: f64) {
        if self.finish.is_none() {
            self.finish = Some((t_s, false));
        }
    }

    /// Whether the finish was asked for.
    pub fn finishing(&self) -> bool {
        self.finish.is_some()
    }

    /// Entries kept, not acknowledged yet.
    pub fn waiting(&self) -> usize {
        self.outbox.len()
    }

    /// Entries the server acknowledged.
    pub fn acked(&self) -> i64 {
        self.acked
    }

    /// The attempt's clock at wall time `now` (s): the simulated time by which the server
    /// ends the attempt, once it has said where the attempt stands (never for a
    /// demonstration, which has no time budget).
    pub fn server_clock_s(&self, now: f64) -> Option<f64> {
        let c = self.clock?;
        Some(c.clock_s + c.speed * (now - c.at).max(0.0))
    }

    /// How many watch this attempt, as the server last said.
    pub fn watchers(&self) -> u32 {
        self.watchers
    }

    /// The connection now.
    pub fn connection(&self) -> Connection {
        if let Some(end) = self.state {
            return end;
        }
        match (&self.socket, self.failures) {
            (Some(s), _) if s.ready => Connection::Connected,
            (_, 0) => Connection::Connecting,
            (_, f) if f < OFFLINE_AFTER => Connection::Reconnecting,
            _ => Connection::Offline,
        }
    }

    /// Closes the connection for good (the attempt is left).
    pub fn close(&mut self) {
        if let Some(mut s) = self.socket.take() {
            s.sender.close();
        }
        self.state.get_or_insert(Connection::Stopped);
    }

    /// One frame's work at wall time `now` (s): connect or reconnect when due, read what
    /// the server said, send what waits. `wake` is the window's repaint.
    pub fn poll(&mut self, now: f64, wake: &egui::Context) -> Vec<LinkEvent> {
        let mut events = Vec::new();
        if self.state.is_some() {
            return events;
        }
        if self.socket.is_none() && now >= self.retry_at {
            self.connect(now, wake);
        }
        while let Some(event) = self.socket.as_ref().and_then(|s| s.receiver.try_recv()) {
            match event {
                WsEvent::Opened => self.send_now(self.hello.clone(), now),
                WsEvent::Message(WsMessage::Text(text)) => self.read(&text, now, &mut events),
                WsEvent::Message(_) => {}
                WsEvent::Error(_) | WsEvent::Closed => self.dropped(now),
            }
            if self.state.is_some() {
                self.close();
                return events;
            }
        }
        if self
            .socket
            .as_ref()
            .is_some_and(|s| !s.ready && now - s.opened_at > READY_WITHIN_S)
        {
            self.dropped(now);
        }
        self.send_waiting(now);
        if self.socket.is_none() || !self.outbox.is_empty() {
            // Come back for the next try or the next second's entries.
            wake.request_repaint_after(std::time::Duration::from_millis(250));
        }
        events
    }

    fn connect(&mut self, now: f64, wake: &egui::Context) {
        let ctx = wake.clone();
        let options = ewebsock::Options::default();
        match ewebsock::connect_with_wakeup(&self.url, options, move || ctx.request_repaint()) {
            Ok((sender, receiver)) => {
                self.socket = Some(Socket {
                    sender,
                    receiver,
                    opened_at: now,
                    ready: false,
                });
            }
            Err(_) => self.dropped(now),
        }
    }

    /// The connection is gone: try again after a wait that grows to [`MAX_BACKOFF_S`].
    fn dropped(&mut self, now: f64) {
        self.socket = None;
        self.failures += 1;
        self.retry_at = now + (0.5 * 2f64.powi(self.failures as i32)).min(MAX_BACKOFF_S);
    }

    /// Reads one message of the server, arrived at wall time `now` (s).
    fn read(&mut self, text: &str, now: f64, events: &mut Vec<LinkEvent>) {
        let Ok(msg) = serde_json::from_str::<ServerMsg>(text) else {
            return;
        };
        match msg {
            ServerMsg::Ready {
                last_seq,
                over,
                seed,
                speed,
                clock_s,
                exercise,
                patient,
            } => {
                if !self.demo && speed > 0.0 {
                    self.clock = Some(ServerClock {
                        clock_s,
                        at: now,
                        speed,
                    });
                }
                if self.demo && !self.opened {
                    self.opened = true;
                    events.push(LinkEvent::Opening {
                        exercise,
                        patient,
                        seed,
                    });
                }
                self.acked = self.acked.max(last_seq);
                self.visits_taken(last_seq, false);
                self.outbox.retain(|(seq, _)| *seq > last_seq);
                self.sent_upto = self.acked;
                self.failures = 0;
                if let Some((_, sent)) = &mut self.finish {
                    *sent = false;
                }
                if let Some(s) = &mut self.socket {
                    s.ready = !over;
                }
            }
            ServerMsg::Ack { seq } => {
                self.acked = self.acked.max(seq);
                self.visits_taken(seq, true);
                self.outbox.retain(|(s, _)| *s > seq);
            }
            ServerMsg::Refused { seq, error } => {
                let why = error.trim_end_matches('.');
                self.stop(
                    format!(
                        "The class server refused entry {seq} ({why}); this attempt stops here."
                    ),
                    events,
                );
            }
            ServerMsg::Graded { report } => match serde_json::from_value::<ScoreReport>(report) {
                Ok(r) => {
                    self.state = Some(Connection::Over);
                    events.push(LinkEvent::Graded(Box::new(r)));
                }
                Err(e) => self.stop(
                    format!("The class server's grade cannot be read by this window ({e})."),
                    events,
                ),
            },
            ServerMsg::Watched { watchers } => self.watchers = watchers,
            ServerMsg::Ended {} => {
                self.state = Some(Connection::Over);
                events.push(LinkEvent::Ended);
            }
            ServerMsg::Error { error } => {
                let why = error.trim_end_matches('.');
                self.stop(
                    format!("The class server would not go on with this attempt ({why})."),
                    events,
                );
            }
            ServerMsg::Other => {}
        }
    }

    fn stop(&mut self, sentence: String, events: &mut Vec<LinkEvent>) {
        self.state = Some(Connection::Stopped);
        events.push(LinkEvent::Stopped(sentence));
    }

    /// Sends the entries that wait, in order, within the rate; then the finish.
    fn send_waiting(&mut self, now: f64) {
        if !self.socket.as_ref().is_some_and(|s| s.ready) {
            return;
        }
        while let Some(front) = self.sent_times.front() {
            if now - front < 1.0 {
                break;
            }
            self.sent_times.pop_front();
        }
        let next: Vec<(i64, String)> = self
            .outbox
            .iter()
            .filter(|(seq, _)| *seq > self.sent_upto)
            .take(PER_SECOND.saturating_sub(self.sent_times.len()))
            .cloned()
            .collect();
        for (seq, text) in next {
            self.send_now(text, now);
            self.sent_times.push_back(now);
            self.sent_upto = seq;
        }
        let all_sent = self.sent_upto >= self.queued;
        if let Some((t_s, sent @ false)) = &mut self.finish
            && all_sent
            && self.sent_times.len() < PER_SECOND
        {
            *sent = true;
            let text = serde_json::json!({ "type": "finish", "t_s": *t_s }).to_string();
            self.send_now(text, now);
        }
    }

    fn send_now(&mut self, text: String, now: f64) {
        if let Some(s) = &mut self.socket {
            s.sender.send(WsMessage::Text(text));
            s.opened_at = s.opened_at.min(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_attempt_s_clock_runs_on_from_the_server_s_ready() {
        let mut link = LiveLink::new("http://127.0.0.1:9", "t", "a");
        assert_eq!(link.server_clock_s(5.0), None, "nothing said yet");
        let ready = r#"{"type":"ready","last_seq":0,"over":false,"speed":10.0,"clock_s":20.0}"#;
        link.read(ready, 5.0, &mut Vec::new());
        // Two wall seconds later, at 10×: 20 simulated seconds on.
        assert_eq!(link.server_clock_s(7.0), Some(40.0));
        // A next visit moves it on by its gap once the server takes it, not before.
        link.push(&LogEntry {
            t_s: 30.0,
            role: crate::session::Role::Clinician,
            command: AccessRequest::NextVisit { after_s: 86_400.0 }.into(),
            refused: None,
        });
        assert_eq!(link.server_clock_s(7.0), Some(40.0));
        link.read(
            r#"{"type":"ack","seq":1,"received_ms":5}"#,
            7.0,
            &mut Vec::new(),
        );
        assert_eq!(link.server_clock_s(7.0), Some(86_440.0));
    }

    #[test]
    fn the_server_s_news_is_read_in_order() {
        let mut link = LiveLink::new("http://127.0.0.1:9", "t", "a");
        let entry = LogEntry {
            t_s: 1.0,
            role: crate::session::Role::Patient,
            command: crate::session::Command::Remote(crate::session::RemoteKey::TherapyOn),
            refused: None,
        };
        for _ in 0..3 {
            link.push(&entry);
        }
        let mut events = Vec::new();
        assert_eq!(link.connection(), Connection::Connecting);
        link.read(
            r#"{"type":"ready","last_seq":1,"over":false}"#,
            0.0,
            &mut events,
        );
        assert_eq!(link.waiting(), 2, "the first was stored before the drop");
        link.read(r#"{"type":"watched","watchers":1}"#, 0.0, &mut events);
        assert_eq!(link.watchers(), 1, "the trainee is told someone watches");
        link.read(
            r#"{"type":"ack","seq":2,"received_ms":5}"#,
            0.0,
            &mut events,
        );
        assert_eq!((link.waiting(), link.acked()), (1, 2));
        link.read(
            r#"{"type":"refused","seq":3,"error":"entry 3 is out of sequence."}"#,
            0.0,
            &mut events,
        );
        assert_eq!(link.connection(), Connection::Stopped);
        assert!(matches!(
            &events[..],
            [LinkEvent::Stopped(s)] if s == "The class server refused entry 3 (entry 3 is out of sequence); this attempt stops here."
        ));
    }
}
