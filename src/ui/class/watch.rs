//! Watch and follow: a read-only view of a live record from the class server's stream
//! (docs/class-api.md): `/api/watch` follows a trainee's attempt (the teacher, with the
//! dashboard's key), `/api/follow` the teacher's demonstration (students, with the class
//! code). The stream says how the session starts (the exercise on the attempt's seed, as
//! the trainee's window dealt it, or a built-in patient), then every entry in order and
//! where the clock stands; the window replays them with the same core.

use super::wire::{base_url, ws_url};
use crate::session::{Command, LogEntry, Refusal, Role};
use crate::training::score::ScoreReport;
use ewebsock::{WsEvent, WsMessage, WsReceiver, WsSender};
use serde::Deserialize;

/// Longest wait between two tries to reconnect, s.
const MAX_BACKOFF_S: f64 = 5.0;

/// What a watch link asks for: the stream's address and its hello.
#[derive(Clone, Debug, PartialEq)]
pub struct WatchTarget {
    /// `ws://HOST:PORT/api/watch` or `…/api/follow`.
    pub url: String,
    /// The first message.
    pub hello: String,
    /// A trainee's attempt (`true`) or the teacher's demonstration.
    pub attempt: bool,
}

impl WatchTarget {
    /// The target of a link (`http://HOST:8080/?watch=ATTEMPT&key=KEY` or
    /// `…/?follow=CODE`); `None` when it names neither.
    pub fn of(link: &str) -> Option<WatchTarget> {
        let base = base_url(link)?;
        let query = link
            .split_once('?')?
            .1
            .split('#')
            .next()
            .unwrap_or_default();
        let param = |name: &str| {
            query
                .split('&')
                .find_map(|p| p.strip_prefix(name)?.strip_prefix('='))
                .map(str::to_string)
                .filter(|v| !v.is_empty())
        };
        if let Some(attempt) = param("watch") {
            let hello =
                serde_json::json!({ "type": "hello", "attempt": attempt, "key": param("key") });
            return Some(WatchTarget {
                url: ws_url(&base, "/api/watch"),
                hello: hello.to_string(),
                attempt: true,
            });
        }
        let code = param("follow")?.to_uppercase();
        Some(WatchTarget {
            url: ws_url(&base, "/api/follow"),
            hello: serde_json::json!({ "type": "hello", "code": code }).to_string(),
            attempt: false,
        })
    }
}

/// How the followed session starts.
#[derive(Clone, Debug, Deserialize, PartialEq)]
pub struct Start {
    /// Whose it is (the trainee, or the teacher).
    pub who: String,
    /// The exercise, if it is one.
    #[serde(default)]
    pub exercise: Option<String>,
    /// The built-in patient of a free demonstration.
    #[serde(default)]
    pub patient: Option<String>,
    /// The attempt's seed.
    pub seed: u64,
    /// Whether the viewer may see what only the model knows.
    #[serde(default)]
    pub hidden_truth: bool,
}

/// One message of the stream.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum StreamMsg {
    Start(Start),
    Entry {
        t_s: f64,
        sender: Role,
        command: Command,
        #[serde(default)]
        outcome: Option<Refusal>,
    },
    Clock {
        clock_s: f64,
        #[serde(default)]
        connected: bool,
    },
    Graded {
        report: serde_json::Value,
    },
    Ended {},
    Waiting {},
    Error {
        error: String,
    },
    #[serde(other)]
    Other,
}

/// What the stream has for the window.
#[derive(Debug)]
pub enum WatchEvent {
    /// Build the session anew (a start, or the stream again after a reconnect).
    Start(Start),
    /// Replay this entry.
    Entry(LogEntry),
    /// The clock stands here: move the session on to it.
    Clock(f64),
    /// The attempt was graded.
    Graded(Box<ScoreReport>),
}

/// Where the stream stands, for the window's bar.
#[derive(Clone, Debug, PartialEq)]
pub enum WatchState {
    /// Opening the stream.
    Connecting,
    /// No demonstration yet.
    Waiting,
    /// Following a session.
    Following,
    /// The connection dropped: trying again.
    Reconnecting,
    /// The demonstration ended or the attempt was graded.
    Ended,
    /// The server would not show it: why, in one sentence.
    Refused(String),
}

/// The stream of one watched attempt or followed demonstration.
pub struct Watch {
    target: WatchTarget,
    socket: Option<(WsSender, WsReceiver)>,
    failures: u32,
    retry_at: f64,
    state: WatchState,
    /// The session's start, once the stream said it.
    pub start: Option<Start>,
    /// The trainee's live record is open.
    pub trainee_connected: bool,
}

impl std::fmt::Debug for Watch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watch")
            .field("target", &self.target)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

impl Watch {
    /// A watch of `target`, opened at the next poll.
    pub fn new(target: WatchTarget) -> Watch {
        Watch {
            target,
            socket: None,
            failures: 0,
            retry_at: 0.0,
            state: WatchState::Connecting,
            start: None,
            trainee_connected: false,
        }
    }

    /// Where the stream stands.
    pub fn state(&self) -> &WatchState {
        &self.state
    }

    /// Whether it follows a trainee's attempt (else the teacher's demonstration).
    pub fn of_attempt(&self) -> bool {
        self.target.attempt
    }

    /// Whether the viewer may see what only the model knows.
    pub fn hidden_truth(&self) -> bool {
        self.start.as_ref().is_some_and(|s| s.hidden_truth)
    }

    /// Closes the stream.
    pub fn close(&mut self) {
        if let Some((mut sender, _)) = self.socket.take() {
            sender.close();
        }
    }

    /// One frame's work at wall time `now` (s): connect when due, read the stream.
    pub fn poll(&mut self, now: f64, wake: &egui::Context) -> Vec<WatchEvent> {
        let mut out = Vec::new();
        if matches!(self.state, WatchState::Refused(_)) {
            return out;
        }
        if self.socket.is_none() && now >= self.retry_at && self.state != WatchState::Ended {
            let ctx = wake.clone();
            let options = ewebsock::Options::default();
            match ewebsock::connect_with_wakeup(&self.target.url, options, move || {
                ctx.request_repaint();
            }) {
                Ok(socket) => self.socket = Some(socket),
                Err(_) => self.dropped(now),
            }
        }
        while let Some(event) = self.socket.as_ref().and_then(|(_, r)| r.try_recv()) {
            match event {
                WsEvent::Opened => {
                    let hello = self.target.hello.clone();
                    if let Some((s, _)) = &mut self.socket {
                        s.send(WsMessage::Text(hello));
                    }
                }
                WsEvent::Message(WsMessage::Text(text)) => self.read(&text, &mut out),
                WsEvent::Message(_) => {}
                WsEvent::Error(_) | WsEvent::Closed => self.dropped(now),
            }
        }
        if self.socket.is_none()
            && !matches!(self.state, WatchState::Refused(_) | WatchState::Ended)
        {
            wake.request_repaint_after(std::time::Duration::from_millis(250));
        }
        out
    }

    fn dropped(&mut self, now: f64) {
        self.socket = None;
        if matches!(self.state, WatchState::Refused(_) | WatchState::Ended) {
            return;
        }
        self.failures += 1;
        self.retry_at = now + (0.5 * 2f64.powi(self.failures as i32)).min(MAX_BACKOFF_S);
        self.state = WatchState::Reconnecting;
    }

    fn read(&mut self, text: &str, out: &mut Vec<WatchEvent>) {
        let Ok(msg) = serde_json::from_str::<StreamMsg>(text) else {
            return;
        };
        match msg {
            StreamMsg::Start(start) => {
                self.failures = 0;
                self.state = WatchState::Following;
                self.start = Some(start.clone());
                out.push(WatchEvent::Start(start));
            }
            StreamMsg::Entry {
                t_s,
                sender,
                command,
                outcome,
            } => out.push(WatchEvent::Entry(LogEntry {
                t_s,
                role: sender,
                command,
                refused: outcome,
            })),
            StreamMsg::Clock { clock_s, connected } => {
                self.trainee_connected = connected;
                out.push(WatchEvent::Clock(clock_s));
            }
            StreamMsg::Graded { report } => {
                if let Ok(r) = serde_json::from_value::<ScoreReport>(report) {
                    out.push(WatchEvent::Graded(Box::new(r)));
                }
                self.state = WatchState::Ended;
            }
            StreamMsg::Ended {} => {
                // A follow stream waits for the next demonstration; a watch ends.
                self.state = if self.target.attempt {
                    WatchState::Ended
                } else {
                    WatchState::Waiting
                };
            }
            StreamMsg::Waiting {} => self.state = WatchState::Waiting,
            StreamMsg::Error { error } => {
                let why = error.trim_end_matches('.');
                self.state =
                    WatchState::Refused(format!("The class server would not show this ({why})."));
            }
            StreamMsg::Other => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_names_what_to_watch_or_follow() {
        let w = WatchTarget::of("http://h:8080/?watch=abc&key=k1").unwrap();
        assert_eq!(w.url, "ws://h:8080/api/watch");
        assert!(w.attempt);
        assert!(w.hello.contains("\"attempt\":\"abc\"") && w.hello.contains("\"key\":\"k1\""));
        let f = WatchTarget::of("https://h/?follow=ab12cd").unwrap();
        assert_eq!(f.url, "wss://h/api/follow");
        assert!(f.hello.contains("AB12CD"));
        assert_eq!(WatchTarget::of("http://h/?class=X"), None);
        assert_eq!(WatchTarget::of("http://h/"), None);
    }
}
