//! The live record: one WebSocket per attempt. The client says who it is and which
//! attempt (`hello`), learns where the attempt stands (`ready`), then streams each
//! command as an `entry`; the server answers each with `ack` (stored) or `refused` (not
//! stored, why in one sentence), and `finish` brings back the grade. docs/class-api.md.

use super::demo::Demo;
use super::hub::{Pulse, Seat};
use super::limits::{Bucket, MAX_BODY, Slot};
use super::referee::{self, WireEntry};
use super::store::{AttemptRow, Ending};
use super::{AppState, attempt, auth, error, now_ms};
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, State};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch;

/// How long a new connection has to say `hello`.
const HELLO_WITHIN: Duration = Duration::from_secs(10);
/// How long a refused connection is drained for its close before it is dropped.
const CLOSE_WITHIN: Duration = Duration::from_secs(2);

/// Who a live record is for: a trainee's attempt, or the teacher's demonstration.
#[derive(Debug, Deserialize)]
#[serde(untagged, deny_unknown_fields)]
pub enum Hello {
    /// A student's attempt.
    Attempt {
        /// The token the server issued at joining.
        token: String,
        /// The attempt's id.
        attempt: String,
    },
    /// A teacher's demonstration.
    Demo {
        /// The demonstration's id.
        demo: String,
        /// The key its start gave.
        key: String,
    },
}

/// What a client sends.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientMsg {
    /// First message: whose record this is.
    Hello(Hello),
    /// One command as it happened.
    Entry(WireEntry),
    /// The trainee (or the teacher) finishes at simulated time `t_s`.
    Finish {
        /// Simulated time, s.
        t_s: f64,
    },
}

/// What the server sends.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMsg {
    /// Where the attempt stands: resume after `last_seq`.
    Ready {
        /// The attempt's id.
        attempt: String,
        /// The last acknowledged entry (0: none).
        last_seq: i64,
        /// Its simulated time, s.
        last_t_s: f64,
        /// The seed of the attempt's patient.
        seed: u64,
        /// Simulated seconds per wall-clock second.
        speed: f64,
        /// The simulated time the attempt's clock has reached, s.
        clock_s: f64,
        /// Whether it was graded (then `graded` follows).
        over: bool,
        /// A demonstration's exercise (absent for an attempt: its client knows it).
        #[serde(skip_serializing_if = "Option::is_none")]
        exercise: Option<String>,
        /// A demonstration's built-in patient, when it is a free session.
        #[serde(skip_serializing_if = "Option::is_none")]
        patient: Option<String>,
    },
    /// The entry is stored.
    Ack {
        /// The entry.
        seq: i64,
        /// When the server received it, ms since 1970.
        received_ms: i64,
    },
    /// The entry is not stored.
    Refused {
        /// The entry.
        seq: i64,
        /// Why, in one sentence.
        error: String,
    },
    /// The grade and debrief.
    Graded {
        /// `finished` or `timed-out`.
        how: String,
        /// 0–100.
        score: u32,
        /// Whether the goal was met.
        goal_met: bool,
        /// Simulated time graded at, s.
        end_t_s: f64,
        /// The window's score report (criteria, timeline, expert way).
        report: serde_json::Value,
    },
    /// A demonstration ended (it is not graded).
    Ended {
        /// Simulated time it ended at, s.
        end_t_s: f64,
    },
    /// How many watch the attempt (0: nobody any more).
    Watched {
        /// Watch streams open on it.
        watchers: usize,
    },
    /// A message that could not be taken (the attempt is unchanged).
    Error {
        /// Why, in one sentence.
        error: String,
    },
}

/// The `graded` message of an ending.
pub fn graded(e: Ending) -> ServerMsg {
    ServerMsg::Graded {
        how: e.how,
        score: e.score,
        goal_met: e.goal_met,
        end_t_s: e.end_t_s,
        report: serde_json::from_str(&e.report).unwrap_or_default(),
    }
}

/// An `error` message.
pub fn error(text: impl Into<String>) -> ServerMsg {
    ServerMsg::Error { error: text.into() }
}

/// `GET /api/live`: upgrades to the live record, within the per-address connection limit.
pub async fn upgrade(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ws: WebSocketUpgrade,
) -> Response {
    let held = Arc::clone(&app);
    within_limit(&app, peer, ws, move |socket| live(held, socket))
}

/// Upgrades to a WebSocket (messages up to 256 KB) that runs `run`, if the address may
/// open one more live connection (429 otherwise); its place is given back when `run` ends.
pub fn within_limit<F, Fut>(
    app: &AppState,
    peer: SocketAddr,
    ws: WebSocketUpgrade,
    run: F,
) -> Response
where
    F: FnOnce(WebSocket) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let Some(slot) = app.per_address.enter(peer.ip()) else {
        return too_many_connections();
    };
    ws.max_message_size(MAX_BODY)
        .max_frame_size(MAX_BODY)
        .on_upgrade(move |socket| async move {
            let _place = slot;
            run(socket).await;
        })
}

/// 429: the address holds as many live connections as it may.
fn too_many_connections() -> Response {
    error::ApiError::new(
        axum::http::StatusCode::TOO_MANY_REQUESTS,
        "too many live connections from this address",
    )
    .into_response()
}

/// Sends one JSON message; `false` when the connection is gone.
pub async fn send(socket: &mut WebSocket, msg: &impl Serialize) -> bool {
    let Ok(text) = serde_json::to_string(msg) else {
        return false;
    };
    socket.send(Message::Text(text.into())).await.is_ok()
}

/// Says why, then closes: see [`close_politely`].
async fn refuse(mut socket: WebSocket, msg: &ServerMsg) {
    if send(&mut socket, msg).await {
        close_politely(&mut socket).await;
    }
}

/// Sends a close frame and reads what the client had already sent until its close answers
/// (at most `CLOSE_WITHIN`). Dropping a socket with unread messages resets the connection,
/// and a reset may throw away the client's unread copy of the message that said why.
async fn close_politely(socket: &mut WebSocket) {
    if socket.send(Message::Close(None)).await.is_err() {
        return;
    }
    let drain = async { while let Some(Ok(_)) = socket.recv().await {} };
    let _ = tokio::time::timeout(CLOSE_WITHIN, drain).await;
}

/// The next text message, or `None` when the connection ends.
pub async fn next_text(socket: &mut WebSocket) -> Option<Result<String, ServerMsg>> {
    loop {
        match socket.recv().await? {
            Ok(Message::Text(t)) => return Some(Ok(t.to_string())),
            Ok(Message::Binary(_)) => return Some(Err(error("messages are JSON text"))),
            Ok(Message::Ping(_) | Message::Pong(_)) => {}
            Ok(Message::Close(_)) | Err(_) => return None,
        }
    }
}

fn parse(text: &str) -> Result<ClientMsg, ServerMsg> {
    serde_json::from_str(text).map_err(|e| {
        error(format!(
            "this message cannot be read: {}",
            error::short(&e.to_string())
        ))
    })
}

/// Whose live record a connection holds.
enum Held {
    /// A trainee's attempt, with the student's connection place (given back at drop).
    Attempt {
        /// The attempt as it stood at hello.
        row: Box<AttemptRow>,
        /// The student's connection place.
        _place: Slot<String>,
    },
    /// A teacher's demonstration.
    Demo(Arc<Demo>),
}

/// Waits for `hello`, checks the token and the attempt (or the demonstration's key), and
/// takes the student's place.
async fn hello(app: &AppState, socket: &mut WebSocket) -> Result<Held, ServerMsg> {
    let first = tokio::time::timeout(HELLO_WITHIN, next_text(socket))
        .await
        .map_err(|_| error("say hello first (token and attempt) within 10 seconds"))?
        .ok_or_else(|| error("the connection closed"))??;
    let (token, id) = match parse(&first)? {
        ClientMsg::Hello(Hello::Attempt { token, attempt }) => (token, attempt),
        ClientMsg::Hello(Hello::Demo { demo, key }) => {
            return app
                .demos
                .keyed(&demo, &key)
                .map(Held::Demo)
                .ok_or_else(|| error("no such demonstration running with this key"));
        }
        _ => return Err(error("the first message must be hello (token and attempt)")),
    };
    let student = auth::student_of(app, &token)
        .await
        .map_err(|e| error(e.message))?;
    let a = attempt::current(app, &id)
        .await
        .map_err(|e| error(e.to_string()))?
        .filter(|a| a.student_id == student.id)
        .ok_or_else(|| error("no such attempt of yours"))?;
    let slot = app.per_student.enter(student.id).ok_or_else(|| {
        error("this student has too many live connections: close the others first")
    })?;
    Ok(Held::Attempt {
        row: Box::new(a),
        _place: slot,
    })
}

/// Where the held record stands, for `ready`.
fn ready(held: &Held) -> ServerMsg {
    let now = now_ms();
    match held {
        Held::Attempt { row: a, .. } => ServerMsg::Ready {
            attempt: a.id.clone(),
            last_seq: a.last_seq,
            last_t_s: a.last_t_s,
            seed: a.seed,
            speed: a.speed,
            clock_s: referee::clock_s(a, now),
            over: a.ending.is_some(),
            exercise: None,
            patient: None,
        },
        Held::Demo(d) => {
            let (last_seq, last_t_s) = d.last();
            ServerMsg::Ready {
                attempt: d.id.clone(),
                last_seq,
                last_t_s,
                seed: d.seed,
                speed: d.speed,
                clock_s: d.clock_s(now),
                over: false,
                exercise: d.opening.exercise().map(str::to_string),
                patient: d.opening.patient().map(str::to_string),
            }
        }
    }
}

async fn live(app: AppState, mut socket: WebSocket) {
    let held = match hello(&app, &mut socket).await {
        Ok(held) => held,
        Err(msg) => return refuse(socket, &msg).await,
    };
    if !send(&mut socket, &ready(&held)).await {
        return;
    }
    let id = match &held {
        Held::Attempt { row: a, .. } => {
            if let Some(ending) = a.ending.clone() {
                send(&mut socket, &graded(ending)).await;
            }
            a.id.clone()
        }
        Held::Demo(d) => d.id.clone(),
    };
    let (presence, mut pulse) = app.hub.enter(&id, Seat::Trainee);
    let ended = stream(&app, &mut socket, &held, &mut pulse).await;
    // The student's place is given back before the refused socket drains.
    drop((presence, held));
    if ended == Ended::Flooded {
        refuse(socket, &error("too many messages: at most 20 a second")).await;
    }
}

/// How a live record's stream ended.
#[derive(PartialEq)]
enum Ended {
    /// The connection closed or failed.
    Gone,
    /// The client sent faster than the limit.
    Flooded,
}

/// The number of watchers once the pulse changes (never, if its sender is gone).
async fn watchers_change(pulse: &mut watch::Receiver<Pulse>) -> usize {
    if pulse.changed().await.is_err() {
        std::future::pending::<()>().await;
    }
    pulse.borrow_and_update().watchers
}

/// Takes messages until the connection ends or floods, and says when watchers come or go.
async fn stream(
    app: &AppState,
    socket: &mut WebSocket,
    held: &Held,
    pulse: &mut watch::Receiver<Pulse>,
) -> Ended {
    let mut watchers = pulse.borrow_and_update().watchers;
    if watchers > 0 && !send(socket, &ServerMsg::Watched { watchers }).await {
        return Ended::Gone;
    }
    let mut bucket = Bucket::default();
    loop {
        let text = tokio::select! {
            text = next_text(socket) => text,
            now = watchers_change(pulse) => {
                if now != watchers {
                    watchers = now;
                    if !send(socket, &ServerMsg::Watched { watchers }).await {
                        return Ended::Gone;
                    }
                }
                continue;
            }
        };
        let Some(text) = text else {
            return Ended::Gone;
        };
        if !bucket.take() {
            return Ended::Flooded;
        }
        let reply = match text.and_then(|t| parse(&t)) {
            Ok(msg) => answer(app, held, msg).await,
            Err(e) => e,
        };
        if !send(socket, &reply).await {
            return Ended::Gone;
        }
    }
}

async fn answer(app: &AppState, held: &Held, msg: ClientMsg) -> ServerMsg {
    let a = match (held, msg) {
        (_, ClientMsg::Hello(_)) => return error("hello was said already"),
        (Held::Demo(d), ClientMsg::Entry(e)) => {
            let received_ms = now_ms();
            return match d.entry(&e, received_ms) {
                Ok(seq) => ServerMsg::Ack { seq, received_ms },
                Err(why) => ServerMsg::Refused {
                    seq: e.seq,
                    error: error::short(&why.to_string()),
                },
            };
        }
        (Held::Demo(d), ClientMsg::Finish { t_s }) => {
            return ServerMsg::Ended {
                end_t_s: d.end(t_s),
            };
        }
        (Held::Attempt { row: a, .. }, msg) => (a, msg),
    };
    match a {
        (a, ClientMsg::Entry(e)) => {
            let seq = e.seq;
            match attempt::entry(app, &a.id, e).await {
                Ok(received_ms) => ServerMsg::Ack { seq, received_ms },
                Err(why) => ServerMsg::Refused {
                    seq,
                    error: error::short(&why.to_string()),
                },
            }
        }
        (a, ClientMsg::Finish { t_s }) => match attempt::finish(app, &a.id, Some(t_s)).await {
            Ok(ending) => graded(ending),
            Err(why) => error(error::short(&why.to_string())),
        },
        (_, ClientMsg::Hello(_)) => error("hello was said already"),
    }
}
