//! Watch and follow in the window: a read-only view that follows a live record from the
//! class server's stream, in the shape docs/class-api.md gives it (a stand-in server in
//! the test speaks it: the stream's start, every entry, the clock). The window builds the
//! session as the trainee's window did, replays the entries with the same core, takes no
//! command, and shows the hidden truth only when the stream says the viewer is the teacher.
#![cfg(all(feature = "gui", feature = "server"))]
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

mod common;
#[path = "server_support/mod.rs"]
mod server_support;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use futures_util::{SinkExt, StreamExt};
use scs_sim::ui::App;
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio_tungstenite::tungstenite::Message;

/// A stand-in for the class server's watch or follow stream: takes one connection, keeps
/// its hello, sends `messages`, then stays open.
async fn stream(messages: Vec<Value>, hello: Arc<Mutex<Option<Value>>>) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (tcp, _) = listener.accept().await.unwrap();
        let mut ws = tokio_tungstenite::accept_async(tcp).await.unwrap();
        if let Some(Ok(Message::Text(t))) = ws.next().await {
            *hello.lock().unwrap() = serde_json::from_str(&t).ok();
        }
        for m in messages {
            ws.send(Message::Text(m.to_string().into())).await.unwrap();
        }
        while ws.next().await.is_some() {}
    });
    addr
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap()
}

fn mine_on(h: &Harness<'_, App>) -> bool {
    h.state().session().device().unwrap().therapy_on
}

#[test]
fn the_teacher_watches_a_trainee_s_attempt_read_only_with_the_truth() {
    let rt = runtime();
    let seed = 412;
    let (play, entries) = server_support::played(&server_support::actions(0), seed);
    let mut messages = vec![json!({
        "type": "start", "source": "attempt", "id": "att-1", "who": "Ana",
        "exercise": "thresholds", "patient": null, "seed": seed, "speed": 10.0,
        "time_budget_s": 600.0, "clock_s": 0.0, "hidden_truth": true, "over": false
    })];
    for (i, e) in entries.iter().enumerate() {
        let mut m = server_support::wire(i as i64 + 1, e);
        m["received_ms"] = json!(1_764_868_800_000_i64 + i as i64);
        messages.push(m);
    }
    messages.push(json!({ "type": "clock", "clock_s": 25.0, "connected": true }));
    let hello = Arc::new(Mutex::new(None));
    let addr = rt.block_on(stream(messages, Arc::clone(&hello)));
    let mut h = common::harness();
    h.state_mut()
        .watch(&format!("http://{addr}/?watch=att-1&key=k-1"))
        .unwrap();
    common::until(&mut h, "the stream replayed", |a| a.session().t_s >= 25.0);
    // The trainee's session, rebuilt: the same entries, the same state.
    let mine = h.state().session();
    let start_len = mine.log.len() - entries.len();
    assert_eq!(mine.log[start_len..], entries[..]);
    assert_eq!(
        mine.device().unwrap().program().settings.amplitude_ma,
        play.session
            .device()
            .unwrap()
            .program()
            .settings
            .amplitude_ma
    );
    assert_eq!(
        hello.lock().unwrap().clone().unwrap(),
        json!({ "type": "hello", "attempt": "att-1", "key": "k-1" })
    );
    assert!(!h.state().blind(), "the teacher sees the hidden truth");
    assert!(
        h.query_by_label_contains("Watching Ana's attempt, read-only")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("the hidden truth is shown")
            .is_some()
    );
    // Read-only: a control takes nothing, and the window says why.
    let before = h.state().session().log.len();
    let power = if mine_on(&h) {
        "Therapy off"
    } else {
        "Therapy on"
    };
    h.get_by_label(power).click();
    h.run_steps(2);
    assert_eq!(h.state().session().log.len(), before);
    assert!(
        h.state()
            .status()
            .is_some_and(|s| s.starts_with("Watching is read-only"))
    );
}

#[test]
fn students_follow_the_teacher_s_demonstration_blind() {
    let rt = runtime();
    let messages = vec![
        json!({ "type": "waiting" }),
        json!({
            "type": "start", "source": "demo", "id": "demo-1", "who": "Dr Reyes",
            "exercise": null, "patient": "fbss", "seed": 7, "speed": 10.0,
            "time_budget_s": null, "clock_s": 0.0, "hidden_truth": false, "over": false
        }),
        json!({ "type": "entry", "seq": 1, "t_s": 2.0, "sender": "Patient",
                "command": {"Remote": "TherapyOn"}, "outcome": null, "received_ms": 1 }),
        json!({ "type": "clock", "clock_s": 6.0, "connected": true }),
    ];
    let hello = Arc::new(Mutex::new(None));
    let addr = rt.block_on(stream(messages, Arc::clone(&hello)));
    let mut h = common::harness();
    h.state_mut()
        .watch(&format!("http://{addr}/?follow=ab12cd"))
        .unwrap();
    common::until(&mut h, "the demonstration", |a| a.session().t_s >= 6.0);
    assert!(h.state().session().device().unwrap().therapy_on);
    assert_eq!(h.state().patient_id(), "fbss");
    assert_eq!(
        hello.lock().unwrap().clone().unwrap(),
        json!({ "type": "hello", "code": "AB12CD" })
    );
    assert!(
        h.state().blind(),
        "students follow without the hidden truth"
    );
    assert!(
        h.query_by_label_contains("Following Dr Reyes's demonstration, read-only")
            .is_some()
    );
    h.get_by_label("Stop watching").click();
    h.run_steps(2);
    assert!(h.state().watching().is_none());
    assert!(
        !h.state().session().device().unwrap().therapy_on,
        "the window's own session again"
    );
}

#[test]
fn a_link_that_names_nothing_to_watch_is_refused_in_one_sentence() {
    let mut h = common::harness();
    let why = h
        .state_mut()
        .watch("http://127.0.0.1:9/?class=ABC")
        .unwrap_err();
    assert!(why.contains("is not a watch link"), "{why}");
    assert!(h.state().watching().is_none());
    h.run_steps(1);
}

/// A stand-in for the live record of a demonstration: answers hello with `ready` (the
/// demonstration's opening), acknowledges each entry and keeps it.
async fn demo_record(got: Arc<Mutex<Vec<Value>>>) -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (tcp, _) = listener.accept().await.unwrap();
        let mut ws = tokio_tungstenite::accept_async(tcp).await.unwrap();
        while let Some(Ok(Message::Text(t))) = ws.next().await {
            let m: Value = serde_json::from_str(&t).unwrap();
            let answer = match m["type"].as_str() {
                Some("hello") => json!({ "type": "ready", "attempt": "demo-1", "last_seq": 0,
                    "last_t_s": 0.0, "seed": 7, "speed": 10.0, "clock_s": 0.0, "over": false,
                    "exercise": null, "patient": "fbss" }),
                _ => json!({ "type": "ack", "seq": m["seq"], "received_ms": 1 }),
            };
            got.lock().unwrap().push(m);
            ws.send(Message::Text(answer.to_string().into()))
                .await
                .unwrap();
        }
    });
    addr
}

#[test]
fn the_teacher_s_window_streams_a_demonstration_from_the_dashboard_s_link() {
    let rt = runtime();
    let got = Arc::new(Mutex::new(Vec::new()));
    let addr = rt.block_on(demo_record(Arc::clone(&got)));
    let mut h = common::harness();
    h.state_mut()
        .join_class(&format!("http://{addr}/?demo=demo-1&key=k-2"));
    common::until(&mut h, "the demonstration's session", |a| {
        a.class_connection()
            .is_some_and(|(c, _)| c == scs_sim::ui::class::Connection::Connected)
    });
    // The session followers build: the built-in patient on the demonstration's seed.
    assert_eq!(h.state().patient_id(), "fbss");
    assert_eq!(h.state().session().seed, 7);
    h.get_by_label("Therapy on").click();
    common::until(&mut h, "the entry acknowledged", |a| {
        a.class_connection()
            .is_some_and(|(_, waiting)| waiting == 0)
            && a.session().log.len() == 1
    });
    let got = got.lock().unwrap().clone();
    assert_eq!(
        got[0],
        json!({ "type": "hello", "demo": "demo-1", "key": "k-2" })
    );
    assert_eq!(got[1]["seq"], 1);
    assert_eq!(got[1]["sender"], "Patient");
    assert_eq!(got[1]["command"], json!({ "Remote": "TherapyOn" }));
}
