//! A student joins a class from the window against a real class server started in the
//! test (loopback, port 0, a temporary SQLite file), behind a proxy the test can cut: the
//! attempt's patient comes from the server's seed, every command streams as it happens,
//! the connection's states show (connected; offline with entries waiting; reconnected,
//! the entries sent in order), a refusal stops the attempt with its sentence, and the
//! grade and debrief come back from the server.
#![cfg(all(feature = "gui", feature = "server"))]
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

mod common;
#[path = "server_support/mod.rs"]
mod server_support;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use scs_sim::ui::App;
use scs_sim::ui::class::Connection;
use serde_json::Value;
use server_support::{Auth, Class, Client, TestServer};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::net::{TcpListener, TcpStream};

/// A TCP proxy in front of the server that the test can cut (every connection dropped,
/// new ones refused) and restore: the classroom's network going away and coming back.
struct Proxy {
    addr: SocketAddr,
    up: Arc<AtomicBool>,
    open: Arc<Mutex<Vec<tokio::task::AbortHandle>>>,
}

impl Proxy {
    async fn to(target: SocketAddr) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let up = Arc::new(AtomicBool::new(true));
        let open = Arc::new(Mutex::new(Vec::new()));
        let (up2, open2) = (Arc::clone(&up), Arc::clone(&open));
        tokio::spawn(async move {
            while let Ok((mut inbound, _)) = listener.accept().await {
                if !up2.load(Ordering::SeqCst) {
                    continue;
                }
                let task = tokio::spawn(async move {
                    if let Ok(mut out) = TcpStream::connect(target).await {
                        let _ = tokio::io::copy_bidirectional(&mut inbound, &mut out).await;
                    }
                });
                open2.lock().unwrap().push(task.abort_handle());
            }
        });
        Proxy { addr, up, open }
    }

    fn cut(&self) {
        self.up.store(false, Ordering::SeqCst);
        for task in self.open.lock().unwrap().drain(..) {
            task.abort();
        }
    }

    fn restore(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

/// A class server with a teacher, a class and an assignment (thresholds), and a proxy.
struct Room {
    rt: tokio::runtime::Runtime,
    server: TestServer,
    class: Class,
    proxy: Proxy,
}

fn room() -> Room {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let server = rt.block_on(TestServer::sqlite());
    let client = Client::of(server.addr);
    let class = rt.block_on(server_support::class(&client, &server.running.store));
    let proxy = rt.block_on(Proxy::to(server.addr));
    Room {
        rt,
        server,
        class,
        proxy,
    }
}

impl Room {
    /// The teacher's view of the class's only attempt (or of the attempt of `student`).
    fn attempt_of(&self, student: &str) -> Value {
        let c = Client::of(self.server.addr);
        let cookie = Auth::Cookie(&self.class.cookie);
        let path = format!("/api/classes/{}/attempts", self.class.class_id);
        let (_, list) = self.rt.block_on(c.call("GET", &path, cookie, None));
        let id = list
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["student"] == student)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string();
        let path = format!("/api/attempts/{id}");
        self.rt.block_on(c.call("GET", &path, cookie, None)).1
    }
}

/// Whether the window shows a text containing `text` within a few frames.
fn shows(h: &mut Harness<'_, App>, text: &str) -> bool {
    for _ in 0..10 {
        if h.query_all_by_label_contains(text).next().is_some() {
            return true;
        }
        h.run_steps(1);
    }
    false
}

/// Runs frames until the window shows `text` (at most 30 s: a server's answer).
fn wait_to_show(h: &mut Harness<'_, App>, text: &str) {
    let started = Instant::now();
    while h.query_all_by_label_contains(text).next().is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "never shown: {text}"
        );
        h.run_steps(1);
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn tap(h: &mut Harness<'_, App>, label: &str) {
    h.get_by_label(label).scroll_to_me();
    h.run_steps(4);
    h.get_by_label(label).click();
    h.run_steps(2);
}

/// Opens the class link, joins as `name` and starts the class's assignment; the window's
/// clock paused, so that its simulated time never runs ahead of the server's.
fn join_and_start(room: &Room, name: &str) -> Harness<'static, App> {
    let mut h = common::harness();
    let link = format!("http://{}/?class={}", room.proxy.addr, room.class.code);
    h.state_mut().join_class(&link);
    h.run_steps(2);
    assert!(h.state().join_class_open());
    common::type_into(&mut h, "Your name", name);
    tap(&mut h, "Join");
    let start = "Start Measure PT and DT";
    wait_to_show(&mut h, start);
    tap(&mut h, start);
    common::until(&mut h, "the attempt", |a| a.session().exercise.is_some());
    // Paused, so that the window's simulated time never runs ahead of the server's.
    h.state_mut().toggle_pause();
    common::until(&mut h, "connected", |a| {
        a.class_connection()
            .is_some_and(|(c, _)| c == Connection::Connected)
    });
    if h.state().prefs().speed != scs_sim::ui::prefs::Speed::Paused {
        h.state_mut().toggle_pause();
    }
    h
}

/// The trainee's entries of the window's log (after the exercise's start), as the server
/// stores them: (sender, command) in order.
fn local_entries(h: &Harness<'_, App>, start_len: usize) -> Vec<(Value, Value)> {
    h.state().session().log[start_len..]
        .iter()
        .map(|e| {
            (
                serde_json::to_value(e.role).unwrap(),
                serde_json::to_value(&e.command).unwrap(),
            )
        })
        .collect()
}

fn server_entries(detail: &Value) -> Vec<(Value, Value)> {
    detail["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["sender"].clone(), e["command"].clone()))
        .collect()
}

fn all_sent(a: &App) -> bool {
    a.class_connection() == Some((Connection::Connected, 0))
}

#[test]
fn a_student_joins_streams_goes_offline_resumes_in_order_and_a_refusal_stops_the_attempt() {
    let room = room();
    let mut h = join_and_start(&room, "Ana");
    let detail = room.attempt_of("Ana");
    // The window's patient is the server's deal for the attempt's seed.
    let seed = detail["attempt"]["seed"].as_u64().unwrap();
    let ex = scs_sim::training::exercise::find("thresholds").unwrap();
    let dealt = ex.start_attempt(ex.attempt_seed(seed)).unwrap();
    assert_eq!(h.state().session().seed, dealt.seed);
    let start_len = dealt.log.len();
    // Connected: each command reaches the server as it happens.
    assert!(shows(&mut h, "Class server: connected"));
    // The server's clock, which ends the attempt, is on the bar even while paused.
    assert!(
        shows(&mut h, "of 10:00 (it runs on while you pause)"),
        "the bar shows the class clock"
    );
    for _ in 0..3 {
        tap(&mut h, "Amplitude (mA) +");
    }
    common::until(&mut h, "three entries acknowledged", all_sent);
    assert_eq!(
        server_entries(&room.attempt_of("Ana")),
        local_entries(&h, start_len)
    );
    assert_eq!(local_entries(&h, start_len).len(), 3);
    // The network goes away: the window keeps the entries, in order, and says so.
    room.proxy.cut();
    tap(&mut h, "Amplitude (mA) +");
    tap(&mut h, "Mark perception threshold");
    common::until(&mut h, "offline", |a| {
        a.class_connection() == Some((Connection::Offline, 2))
    });
    assert!(
        shows(&mut h, "Class server: offline") && shows(&mut h, "2 entries waiting"),
        "the bar says the window is offline with two entries waiting"
    );
    assert_eq!(server_entries(&room.attempt_of("Ana")).len(), 3);
    // Back: the entries go, in order, nothing lost or twice.
    room.proxy.restore();
    common::until(&mut h, "reconnected, everything sent", all_sent);
    let stored = server_entries(&room.attempt_of("Ana"));
    assert_eq!(stored.len(), 5);
    assert_eq!(stored, local_entries(&h, start_len));
    refusal_stops_the_attempt(&room, &mut h, start_len);
}

/// A window whose clock ran ahead of the attempt's: the server refuses the entry, the
/// window says why in one sentence and the attempt stops there.
fn refusal_stops_the_attempt(room: &Room, h: &mut Harness<'_, App>, start_len: usize) {
    h.state_mut().advance_time_for_test(400.0);
    tap(h, "Amplitude (mA) +");
    common::until(h, "the refusal", |a| a.class_stopped().is_some());
    let why = h.state().class_stopped().unwrap().to_string();
    assert!(
        why.starts_with("The class server refused entry 6 (")
            && why.contains("runs ahead of the attempt's clock")
            && why.ends_with("this attempt stops here."),
        "{why}"
    );
    assert_eq!(h.state().status(), Some(why.as_str()));
    assert!(shows(h, "this attempt stops here"));
    // Stopped: the controls no longer act, and the server kept the five before it.
    let before = h.state().session().log.len();
    tap(h, "Amplitude (mA) +");
    assert_eq!(h.state().session().log.len(), before);
    assert_eq!(h.state().class_connection().unwrap().0, Connection::Stopped);
    let stored = server_entries(&room.attempt_of("Ana"));
    assert_eq!(stored.len(), 5);
    assert_eq!(stored[..], local_entries(h, start_len)[..5]);
    // Another attempt may start from Join class: a new patient, a new live record.
    let link = format!("http://{}/?class={}", room.proxy.addr, room.class.code);
    h.state_mut().join_class(&link);
    h.run_steps(2);
    tap(h, "Start Measure PT and DT");
    common::until(h, "the second attempt", |a| {
        a.class_connection() == Some((Connection::Connected, 0)) && a.class_stopped().is_none()
    });
    assert_eq!(h.state().session().log.len(), start_len, "a fresh start");
}

#[test]
fn the_grade_and_debrief_come_back_from_the_server() {
    let room = room();
    let mut h = join_and_start(&room, "Ben");
    for _ in 0..4 {
        tap(&mut h, "Amplitude (mA) +");
    }
    tap(&mut h, "Mark perception threshold");
    common::until(&mut h, "entries sent", all_sent);
    tap(&mut h, "Finish exercise");
    assert!(!h.state().name_prompt_open(), "the class knows the name");
    common::until(&mut h, "the server's grade", |a| a.debrief().is_some());
    let shown = h.state().debrief().cloned().unwrap();
    let server = room.attempt_of("Ben");
    assert_eq!(server["attempt"]["status"], "finished");
    assert_eq!(
        serde_json::to_value(&shown).unwrap(),
        server["report"],
        "the debrief shown is the server's"
    );
    assert_eq!(h.state().class_connection().unwrap().0, Connection::Over);
    assert!(shows(&mut h, "graded by the class server"));
}

#[test]
fn a_wrong_class_code_is_said_in_one_sentence_and_nothing_starts() {
    let room = room();
    let mut h = common::harness();
    h.state_mut()
        .join_class(&format!("http://{}/?class=NOPE00", room.proxy.addr));
    h.run_steps(2);
    common::type_into(&mut h, "Your name", "Cy");
    tap(&mut h, "Join");
    wait_to_show(&mut h, "The class server said: no such class code");
    assert!(h.state().class_connection().is_none());
    assert!(h.state().session().exercise.is_none());
}
