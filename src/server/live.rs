//! The live record: one WebSocket per attempt. The client says who it is and which
//! attempt (`hello`), learns where the attempt stands (`ready`), then streams each
//! command as an `entry`; the server answers each with `ack` (stored) or `refused` (not
//! stored, why in one sentence), and `finish` brings back the grade. docs/class-api.md.

use super::limits::{Bucket, MAX_BODY, Slot};
use super::referee::{self, WireEntry};
use super::store::{AttemptRow, Ending};
use super::{AppState, attempt, auth, error, now_ms};
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, State};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

/// How long a new connection has to say `hello`.
const HELLO_WITHIN: Duration = Duration::from_secs(10);

/// What a client sends.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientMsg {
    /// First message: the student's token and the attempt.
    Hello {
        /// The token the server issued at joining.
        token: String,
        /// The attempt's id.
        attempt: String,
    },
    /// One command as it happened.
    Entry(WireEntry),
    /// The trainee finishes at simulated time `t_s`.
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
    /// A message that could not be taken (the attempt is unchanged).
    Error {
        /// Why, in one sentence.
        error: String,
    },
}

fn graded(e: Ending) -> ServerMsg {
    ServerMsg::Graded {
        how: e.how,
        score: e.score,
        goal_met: e.goal_met,
        end_t_s: e.end_t_s,
        report: serde_json::from_str(&e.report).unwrap_or_default(),
    }
}

fn error(text: impl Into<String>) -> ServerMsg {
    ServerMsg::Error { error: text.into() }
}

/// `GET /api/live`: upgrades to the live record, within the per-address connection limit.
pub async fn upgrade(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ws: WebSocketUpgrade,
) -> Response {
    let Some(slot) = app.per_address.enter(peer.ip()) else {
        return error::ApiError::new(
            axum::http::StatusCode::TOO_MANY_REQUESTS,
            "too many live connections from this address",
        )
        .into_response();
    };
    ws.max_message_size(MAX_BODY)
        .max_frame_size(MAX_BODY)
        .on_upgrade(move |socket| live(app, socket, slot))
}

async fn send(socket: &mut WebSocket, msg: &ServerMsg) -> bool {
    let Ok(text) = serde_json::to_string(msg) else {
        return false;
    };
    socket.send(Message::Text(text.into())).await.is_ok()
}

/// The next text message, or `None` when the connection ends.
async fn next_text(socket: &mut WebSocket) -> Option<Result<String, ServerMsg>> {
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

/// Waits for `hello`, checks the token and the attempt, and takes the student's place.
async fn hello(
    app: &AppState,
    socket: &mut WebSocket,
) -> Result<(AttemptRow, Slot<String>), ServerMsg> {
    let first = tokio::time::timeout(HELLO_WITHIN, next_text(socket))
        .await
        .map_err(|_| error("say hello first (token and attempt) within 10 seconds"))?
        .ok_or_else(|| error("the connection closed"))??;
    let ClientMsg::Hello { token, attempt: id } = parse(&first)? else {
        return Err(error("the first message must be hello (token and attempt)"));
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
    Ok((a, slot))
}

async fn live(app: AppState, mut socket: WebSocket, _address: Slot<IpAddr>) {
    let (a, _student) = match hello(&app, &mut socket).await {
        Ok(ok) => ok,
        Err(msg) => {
            send(&mut socket, &msg).await;
            return;
        }
    };
    let ready = ServerMsg::Ready {
        attempt: a.id.clone(),
        last_seq: a.last_seq,
        last_t_s: a.last_t_s,
        seed: a.seed,
        speed: a.speed,
        clock_s: referee::allowed_s(&a, now_ms()),
        over: a.ending.is_some(),
    };
    if !send(&mut socket, &ready).await {
        return;
    }
    if let Some(ending) = a.ending {
        send(&mut socket, &graded(ending)).await;
    }
    let mut bucket = Bucket::default();
    while let Some(text) = next_text(&mut socket).await {
        if !bucket.take() {
            send(
                &mut socket,
                &error("too many messages: at most 20 a second"),
            )
            .await;
            return;
        }
        let reply = match text.and_then(|t| parse(&t)) {
            Ok(msg) => answer(&app, &a.id, msg).await,
            Err(e) => e,
        };
        if !send(&mut socket, &reply).await {
            return;
        }
    }
}

async fn answer(app: &AppState, attempt_id: &str, msg: ClientMsg) -> ServerMsg {
    match msg {
        ClientMsg::Hello { .. } => error("hello was said already"),
        ClientMsg::Entry(e) => {
            let seq = e.seq;
            match attempt::entry(app, attempt_id, e).await {
                Ok(received_ms) => ServerMsg::Ack { seq, received_ms },
                Err(why) => ServerMsg::Refused {
                    seq,
                    error: why.to_string(),
                },
            }
        }
        ClientMsg::Finish { t_s } => match attempt::finish(app, attempt_id, Some(t_s)).await {
            Ok(ending) => graded(ending),
            Err(why) => error(why.to_string()),
        },
    }
}
