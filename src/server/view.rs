//! The read-only streams (docs/class-api.md): a teacher watches a trainee's live attempt
//! (`/api/watch`), students follow the teacher's demonstration (`/api/follow`). Both send
//! where the session starts, every entry from the first and each new one as it comes, the
//! clock every two seconds, and the end. A viewer sends nothing after its hello.

use super::demo::Demo;
use super::hub::Seat;
use super::live::{ServerMsg, error, graded, next_text, send, within_limit};
use super::routes::summary::entry_json;
use super::routes::teacher::own_attempt;
use super::store::{AttemptRow, StoredEntry};
use super::{AppState, attempt, auth, deal, now_ms, referee};
use axum::extract::ws::{WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, State};
use axum::http::HeaderMap;
use axum::http::header::{HOST, ORIGIN};
use axum::response::Response;
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// How long a viewer has to say hello.
const HELLO_WITHIN: Duration = Duration::from_secs(10);

/// How often the clock is sent (and the store read again for entries another server
/// process took).
const CLOCK_EVERY: Duration = Duration::from_secs(2);

/// A viewer's first message.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
enum ViewerMsg {
    /// Which attempt to watch (with a key, or the login cookie), or which class to follow.
    Hello {
        #[serde(default)]
        attempt: Option<String>,
        #[serde(default)]
        key: Option<String>,
        #[serde(default)]
        code: Option<String>,
    },
}

/// What a viewer is sent (besides entries, `graded`, `ended` and `error`).
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ViewMsg {
    /// Where the followed session starts.
    Start {
        /// `attempt` or `demo`.
        source: &'static str,
        /// The attempt's or the demonstration's id.
        id: String,
        /// The trainee's name, or the teacher's.
        who: String,
        /// The built-in exercise it starts from.
        exercise: Option<String>,
        /// The built-in patient of a free session.
        patient: Option<String>,
        /// The seed of its patient.
        seed: u64,
        /// Simulated seconds per wall-clock second.
        speed: f64,
        /// The exercise's time, s.
        time_budget_s: Option<f64>,
        /// Where its clock stands, s.
        clock_s: f64,
        /// Whether the viewer may be shown what only the model knows.
        hidden_truth: bool,
        /// Whether it is over (the end follows the entries).
        over: bool,
    },
    /// Where the clock stands.
    Clock {
        /// Simulated time reached, s.
        clock_s: f64,
        /// Whether the trainee's (or the teacher's) live record is open.
        connected: bool,
    },
    /// The class has no demonstration running yet.
    Waiting,
}

/// The viewer's hello, within 10 s.
async fn hello(socket: &mut WebSocket) -> Result<ViewerMsg, ServerMsg> {
    let first = tokio::time::timeout(HELLO_WITHIN, next_text(socket))
        .await
        .map_err(|_| error("say hello first within 10 seconds"))?
        .ok_or_else(|| error("the connection closed"))??;
    serde_json::from_str(&first).map_err(|e| {
        error(format!(
            "this hello cannot be read: {}",
            super::error::short(&e.to_string())
        ))
    })
}

/// `GET /api/watch`: a teacher's read-only view of a trainee's live attempt.
pub async fn watch(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    ws: WebSocketUpgrade,
) -> Response {
    // The login cookie counts only from a page of this address (SameSite=Strict already
    // keeps it from other sites' pages; a browser always says where a page came from).
    let teacher = if same_origin(&headers) {
        auth::cookie_teacher(&app, &headers).await.ok().flatten()
    } else {
        None
    };
    let held = Arc::clone(&app);
    within_limit(&app, peer, ws, move |mut socket| async move {
        if let Err(msg) = watching(&held, &mut socket, teacher).await {
            send(&mut socket, &msg).await;
        }
    })
}

/// Whether the request's `Origin` (when a browser sent one) is the address it was sent to.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(ORIGIN) else {
        return true;
    };
    let host = headers.get(HOST).and_then(|h| h.to_str().ok());
    let origin_host = origin
        .to_str()
        .ok()
        .and_then(|o| o.split_once("://"))
        .map(|(_, h)| h);
    host.is_some() && host == origin_host
}

/// The attempt a watcher asks for, if its key or its login opens it.
async fn watched(
    app: &AppState,
    teacher: Option<String>,
    hello: ViewerMsg,
) -> Result<(AttemptRow, String), ServerMsg> {
    let ViewerMsg::Hello { attempt, key, .. } = hello;
    let id = attempt.ok_or_else(|| error("say which attempt to watch"))?;
    let denied = || error("no such attempt in your classes (or the watch key expired)");
    let teacher_id = match (key, teacher) {
        (Some(key), _) => {
            let opens = app
                .store
                .watch_key(&auth::token_hash(&key), now_ms())
                .await
                .map_err(|e| error(super::error::ApiError::from(e).message))?;
            if opens.as_deref() != Some(id.as_str()) {
                return Err(denied());
            }
            None
        }
        (None, Some(t)) => Some(t),
        (None, None) => return Err(error("log in as a teacher first, or give a watch key")),
    };
    match teacher_id {
        Some(t) => own_attempt(app, &t, &id)
            .await
            .map(|(a, s)| (a, s.name))
            .map_err(|_| denied()),
        None => {
            let a = attempt::current(app, &id)
                .await
                .ok()
                .flatten()
                .ok_or_else(denied)?;
            let s = app
                .store
                .student(&a.student_id)
                .await
                .ok()
                .flatten()
                .ok_or_else(denied)?;
            Ok((a, s.name))
        }
    }
}

/// Sends entries as `entry` messages; returns the last one's number (`seq` when none).
async fn entries(socket: &mut WebSocket, list: &[StoredEntry], seq: i64) -> Option<i64> {
    let mut last = seq;
    for e in list {
        let mut msg = entry_json(e);
        msg["type"] = "entry".into();
        if !send(socket, &msg).await {
            return None;
        }
        last = e.seq;
    }
    Some(last)
}

/// What happened while waiting: something to look at, or the viewer left.
enum Woken {
    Look,
    Clock,
    Gone,
}

/// Waits for a pulse, the clock, or a message from the viewer (answered: it sends nothing).
async fn wait<T>(
    socket: &mut WebSocket,
    pulse: &mut tokio::sync::watch::Receiver<T>,
    clock: &mut tokio::time::Interval,
) -> Woken {
    tokio::select! {
        changed = pulse.changed() => {
            if changed.is_err() {
                clock.tick().await;
            }
            Woken::Look
        }
        _ = clock.tick() => Woken::Clock,
        msg = next_text(socket) => match msg {
            None => Woken::Gone,
            Some(_) if send(socket, &error("a viewer sends nothing after hello")).await => Woken::Look,
            Some(_) => Woken::Gone,
        },
    }
}

/// The watch stream of an attempt; `Err` is the message to close with.
async fn watching(
    app: &AppState,
    socket: &mut WebSocket,
    teacher: Option<String>,
) -> Result<(), ServerMsg> {
    let (a, who) = watched(app, teacher, hello(socket).await?).await?;
    let (_presence, mut pulse) = app.hub.enter(&a.id, Seat::Watcher);
    let start = ViewMsg::Start {
        source: "attempt",
        id: a.id.clone(),
        who,
        exercise: Some(a.exercise.clone()),
        patient: None,
        seed: a.seed,
        speed: a.speed,
        time_budget_s: Some(a.budget_s),
        clock_s: referee::clock_s(&a, now_ms()),
        hidden_truth: true,
        over: a.ending.is_some(),
    };
    if !send(socket, &start).await {
        return Ok(());
    }
    let mut seq = 0;
    let mut clock = tokio::time::interval(CLOCK_EVERY);
    loop {
        let stored = app.store.entries_after(&a.id, seq).await;
        let stored = stored.map_err(|e| error(super::error::ApiError::from(e).message))?;
        let Some(last) = entries(socket, &stored, seq).await else {
            return Ok(());
        };
        seq = last;
        let now = attempt::current(app, &a.id).await.ok().flatten();
        if let Some(ending) = now.as_ref().and_then(|a| a.ending.clone()) {
            send(socket, &graded(ending)).await;
            return Ok(());
        }
        match wait(socket, &mut pulse, &mut clock).await {
            Woken::Gone => return Ok(()),
            Woken::Look => {}
            Woken::Clock => {
                let clock_s = now.as_ref().map_or(0.0, |a| referee::clock_s(a, now_ms()));
                let connected = app.hub.pulse(&a.id).connected > 0;
                if !send(socket, &ViewMsg::Clock { clock_s, connected }).await {
                    return Ok(());
                }
            }
        }
    }
}

/// `GET /api/follow`: students follow the class's demonstration read-only.
pub async fn follow(
    State(app): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    ws: WebSocketUpgrade,
) -> Response {
    let held = Arc::clone(&app);
    within_limit(&app, peer, ws, move |mut socket| async move {
        if let Err(msg) = following(&held, &mut socket).await {
            send(&mut socket, &msg).await;
        }
    })
}

/// The follow stream of a class: each demonstration in turn, waiting between them.
async fn following(app: &AppState, socket: &mut WebSocket) -> Result<(), ServerMsg> {
    let ViewerMsg::Hello { code, .. } = hello(socket).await?;
    let code = code.ok_or_else(|| error("say which class to follow (its code)"))?;
    let class = app
        .store
        .class_by_code(&code.trim().to_uppercase())
        .await
        .map_err(|e| error(super::error::ApiError::from(e).message))?
        .ok_or_else(|| error("no class has this code"))?;
    let mut starts = app.demos.subscribe();
    let mut clock = tokio::time::interval(CLOCK_EVERY);
    let mut said_waiting = false;
    loop {
        let Some(demo) = app.demos.of_class(&class.id) else {
            if !said_waiting && !send(socket, &ViewMsg::Waiting).await {
                return Ok(());
            }
            said_waiting = true;
            if let Woken::Gone = wait(socket, &mut starts, &mut clock).await {
                return Ok(());
            }
            continue;
        };
        if !follow_one(app, socket, &demo).await {
            return Ok(());
        }
        said_waiting = false;
    }
}

/// A follower's place on a demonstration; dropping it leaves.
struct Following(Arc<Demo>);

impl Drop for Following {
    fn drop(&mut self) {
        self.0.follow(false);
    }
}

/// Streams one demonstration to its end; `false` when the viewer left.
async fn follow_one(app: &AppState, socket: &mut WebSocket, demo: &Arc<Demo>) -> bool {
    demo.follow(true);
    let _place = Following(Arc::clone(demo));
    let exercise = demo.opening.exercise().map(str::to_string);
    let patient = demo.opening.patient().map(str::to_string);
    let start = ViewMsg::Start {
        source: "demo",
        id: demo.id.clone(),
        who: demo.teacher.clone(),
        time_budget_s: exercise
            .as_deref()
            .and_then(deal::exercise)
            .map(|e| e.time_budget_s),
        exercise,
        patient,
        seed: demo.seed,
        speed: demo.speed,
        clock_s: demo.clock_s(now_ms()),
        hidden_truth: false,
        over: false,
    };
    if !send(socket, &start).await {
        return false;
    }
    let mut pulse = demo.subscribe();
    let mut clock = tokio::time::interval(CLOCK_EVERY);
    let mut seq = 0;
    loop {
        let (list, ended) = demo.after(seq);
        let Some(last) = entries(socket, &list, seq).await else {
            return false;
        };
        seq = last;
        if let Some(end_t_s) = ended {
            return send(socket, &ServerMsg::Ended { end_t_s }).await;
        }
        match wait(socket, &mut pulse, &mut clock).await {
            Woken::Gone => return false,
            Woken::Look => {}
            Woken::Clock => {
                let clock_s = demo.clock_s(now_ms());
                let connected = app.hub.pulse(&demo.id).connected > 0;
                if !send(socket, &ViewMsg::Clock { clock_s, connected }).await {
                    return false;
                }
            }
        }
    }
}
