//! What the class server's tests share: a server on an ephemeral loopback port with a
//! temporary SQLite file (or the PostgreSQL of `SCS_SIM_TEST_POSTGRES`), a teacher, a
//! class, students, and a student's client that plays an exercise in its own session (as
//! the window does) and streams each command over the live record.
#![allow(dead_code)]

use futures_util::{SinkExt, StreamExt};
use scs_sim::server::{self, Config};
use scs_sim::session::record::Recording;
use scs_sim::session::{Command, LogEntry, ProgrammerEdit, Role, Session};
use scs_sim::training::exercise::{Exercise, find};
use scs_sim::training::score::{ScoreReport, score};
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;
use tokio_tungstenite::tungstenite::Message;

/// The exercise the tests play: thresholds (speed 10, 600 s).
pub const EXERCISE: &str = "thresholds";

/// A temporary folder removed at drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        let dir = std::env::temp_dir().join(format!(
            "scs-sim-{tag}-{}-{}",
            std::process::id(),
            rand::random::<u32>()
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The PostgreSQL URL the store tests also run against, when set.
pub fn postgres_url() -> Option<String> {
    std::env::var("SCS_SIM_TEST_POSTGRES")
        .ok()
        .filter(|u| !u.is_empty())
}

/// A server in this process.
pub struct TestServer {
    pub addr: SocketAddr,
    pub http: reqwest::Client,
    pub running: server::Running,
    pub dir: TempDir,
}

impl TestServer {
    /// On a fresh SQLite file.
    pub async fn sqlite() -> TestServer {
        let dir = TempDir::new("server");
        let db = dir.0.join("class.sqlite3").display().to_string();
        TestServer::on(&db, dir).await
    }

    /// On `database`.
    pub async fn on(database: &str, dir: TempDir) -> TestServer {
        let config = Config {
            web_dir: dir.0.join("dist"),
            ..Config::new("127.0.0.1:0".parse().expect("addr"), database)
        };
        let running = server::spawn(&config).await.expect("server starts");
        TestServer {
            addr: running.addr,
            http: reqwest::Client::new(),
            running,
            dir,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

/// A client of a server at `addr`.
pub struct Client {
    pub addr: SocketAddr,
    pub http: reqwest::Client,
}

impl Client {
    pub fn of(addr: SocketAddr) -> Client {
        Client {
            addr,
            http: reqwest::Client::new(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Sends a request; returns status and JSON body (Null when not JSON).
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        auth: Auth<'_>,
        body: Option<Value>,
    ) -> (u16, Value) {
        let method = reqwest::Method::from_bytes(method.as_bytes()).expect("method");
        let mut req = self.http.request(method, self.url(path));
        req = match auth {
            Auth::None => req,
            Auth::Cookie(c) => req.header("cookie", c),
            Auth::Bearer(t) => req.header("authorization", format!("Bearer {t}")),
        };
        if let Some(b) = body {
            req = req.json(&b);
        }
        let resp = req.send().await.expect("request");
        let status = resp.status().as_u16();
        let text = resp.text().await.expect("body");
        (status, serde_json::from_str(&text).unwrap_or(Value::Null))
    }

    /// A student's own attempt, as the student reads it.
    pub async fn mine(&self, s: &Student) -> (u16, Value) {
        let path = format!("/api/student/attempts/{}", s.attempt);
        self.call("GET", &path, Auth::Bearer(&s.token), None).await
    }

    /// Logs the teacher in; returns the cookie to send.
    pub async fn login(&self, name: &str, password: &str) -> String {
        let resp = self
            .http
            .post(self.url("/api/teacher/login"))
            .json(&json!({ "name": name, "password": password }))
            .send()
            .await
            .expect("login");
        assert_eq!(resp.status().as_u16(), 200, "login answers 200");
        let set = resp
            .headers()
            .get("set-cookie")
            .expect("a cookie")
            .to_str()
            .expect("text")
            .to_string();
        assert!(
            set.contains("HttpOnly") && set.contains("SameSite=Strict"),
            "cookie flags: {set}"
        );
        set.split(';').next().expect("pair").to_string()
    }
}

/// How a request says who it is.
#[derive(Clone, Copy)]
pub enum Auth<'a> {
    None,
    Cookie(&'a str),
    Bearer(&'a str),
}

/// A class ready to play: teacher cookie, class id and code, the assignment id.
pub struct Class {
    pub cookie: String,
    pub class_id: String,
    pub code: String,
    pub assignment: String,
}

/// Adds teacher `name` to the store, logs in, creates a class and an assignment.
pub async fn class(c: &Client, store: &scs_sim::server::store::Store) -> Class {
    let name = format!("teacher-{}", rand::random::<u32>());
    server::add_teacher(store, &name, "correct horse battery")
        .await
        .expect("teacher");
    class_of(c, &name).await
}

/// Logs in as teacher `name` and creates a class and an assignment.
pub async fn class_of(c: &Client, name: &str) -> Class {
    let cookie = c.login(name, "correct horse battery").await;
    let (status, class) = c
        .call(
            "POST",
            "/api/classes",
            Auth::Cookie(&cookie),
            Some(json!({ "name": "Tuesday" })),
        )
        .await;
    assert_eq!(status, 201, "{class}");
    let class_id = class["id"].as_str().expect("id").to_string();
    let code = class["code"].as_str().expect("code").to_string();
    let (status, a) = c
        .call(
            "POST",
            &format!("/api/classes/{class_id}/assignments"),
            Auth::Cookie(&cookie),
            Some(json!({ "exercise": EXERCISE })),
        )
        .await;
    assert_eq!(status, 201, "{a}");
    Class {
        cookie,
        class_id,
        code,
        assignment: a["id"].as_str().expect("id").to_string(),
    }
}

/// A student who joined and started an attempt.
pub struct Student {
    pub token: String,
    pub attempt: String,
    pub seed: u64,
}

pub async fn student(c: &Client, class: &Class, name: &str) -> Student {
    let (status, joined) = c
        .call(
            "POST",
            "/api/join",
            Auth::None,
            Some(json!({ "code": class.code, "name": name })),
        )
        .await;
    assert_eq!(status, 201, "{joined}");
    let token = joined["token"].as_str().expect("token").to_string();
    let (status, started) = c
        .call(
            "POST",
            "/api/student/attempts",
            Auth::Bearer(&token),
            Some(json!({ "assignment": class.assignment })),
        )
        .await;
    assert_eq!(status, 201, "{started}");
    Student {
        token,
        attempt: started["attempt"]["id"].as_str().expect("id").to_string(),
        seed: started["attempt"]["seed"].as_u64().expect("seed"),
    }
}

/// The trainee's actions: (simulated time, sender, command). All within the first 18 s
/// of simulated time, which the attempt's speed (10×) allows at once.
pub fn actions(variant: u32) -> Vec<(f64, Role, Command)> {
    let step = 0.5 + f64::from(variant) * 0.25;
    let mut out = Vec::new();
    let mut t = 1.0;
    let mut ma = 0.5;
    for _ in 0..12 {
        out.push((
            t,
            Role::Clinician,
            Command::Programmer(ProgrammerEdit::SetAmplitude(ma)),
        ));
        t += 1.0;
        ma += step;
        if out.len() == 4 {
            out.push((
                t,
                Role::Clinician,
                Command::Programmer(ProgrammerEdit::MarkThreshold(
                    scs_sim::session::command::Threshold::Perception,
                )),
            ));
        }
    }
    out.push((
        t,
        Role::Clinician,
        Command::Programmer(ProgrammerEdit::MarkThreshold(
            scs_sim::session::command::Threshold::Discomfort,
        )),
    ));
    out.push((
        t + 1.0,
        Role::Clinician,
        Command::Programmer(ProgrammerEdit::SetAmplitude(1.0)),
    ));
    out
}

/// The student's own session (the window's, on the attempt's own seed): plays `actions`
/// and yields each log entry.
pub struct Play {
    pub exercise: Exercise,
    pub session: Session,
}

impl Play {
    pub fn new(seed: u64) -> Play {
        let exercise = find(EXERCISE).expect("exercise");
        let session = exercise.start_attempt(seed).expect("start");
        Play { exercise, session }
    }

    /// Applies one action at its time and returns the log entry it made.
    pub fn act(&mut self, (t, role, command): &(f64, Role, Command)) -> LogEntry {
        self.session.advance_to(*t);
        let _ = self.session.apply_as(*role, command.clone());
        self.session.log.last().expect("logged").clone()
    }

    /// The window's grade of this session finished at `t_s`.
    pub fn grade(&mut self, t_s: f64) -> ScoreReport {
        self.session.advance_to(t_s);
        let rec = Recording::of(&self.session, &self.exercise.patient);
        score(&self.exercise, &rec).expect("window grades")
    }
}

/// The wire form of entry `seq`.
pub fn wire(seq: i64, e: &LogEntry) -> Value {
    json!({ "type": "entry", "seq": seq, "t_s": e.t_s, "sender": e.role, "command": e.command, "outcome": e.refused })
}

pub type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// Opens the live record of an attempt; returns the socket and the `ready` message.
pub async fn live(addr: SocketAddr, s: &Student) -> (Ws, Value) {
    let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/api/live"))
        .await
        .expect("ws");
    send(
        &mut ws,
        json!({ "type": "hello", "token": s.token, "attempt": s.attempt }),
    )
    .await;
    let ready = recv(&mut ws).await;
    (ws, ready)
}

pub async fn send(ws: &mut Ws, v: Value) {
    ws.send(Message::Text(v.to_string().into()))
        .await
        .expect("send");
}

pub async fn send_text(ws: &mut Ws, text: &str) {
    ws.send(Message::Text(text.to_string().into()))
        .await
        .expect("send");
}

/// The next JSON message (Null when the connection closed), within 30 s.
pub async fn recv(ws: &mut Ws) -> Value {
    loop {
        match tokio::time::timeout(Duration::from_secs(30), ws.next())
            .await
            .expect("an answer within 30 s")
        {
            Some(Ok(Message::Text(t))) => return serde_json::from_str(&t).expect("json"),
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => {}
            _ => return Value::Null,
        }
    }
}

/// Sends an entry and returns the answer.
pub async fn entry(ws: &mut Ws, seq: i64, e: &LogEntry) -> Value {
    send(ws, wire(seq, e)).await;
    recv(ws).await
}

/// Plays `actions` on a fresh local session, streaming each entry; returns the local play.
pub async fn stream_all(ws: &mut Ws, actions: &[(f64, Role, Command)], seed: u64) -> Play {
    let mut play = Play::new(seed);
    for (i, a) in actions.iter().enumerate() {
        let e = play.act(a);
        let seq = i as i64 + 1;
        let answer = entry(ws, seq, &e).await;
        assert_eq!(answer["type"], "ack", "entry {seq}: {answer}");
        assert_eq!(answer["seq"], seq);
    }
    play
}

/// Finishes at `t_s` and returns the `graded` message.
pub async fn finish(ws: &mut Ws, t_s: f64) -> Value {
    send(ws, json!({ "type": "finish", "t_s": t_s })).await;
    let graded = recv(ws).await;
    assert_eq!(graded["type"], "graded", "{graded}");
    graded
}

/// The whole class flow (teacher, class, assignment, two students streaming at once,
/// grades equal to the window's, the teacher's view, CSV and xAPI) on a server at `addr`
/// whose store is `store`.
pub async fn class_flow(addr: SocketAddr, store: &scs_sim::server::store::Store) {
    let c = Client::of(addr);
    let class = class(&c, store).await;
    let ana = student(&c, &class, "Ana").await;
    let ben = student(&c, &class, "Ben").await;
    let play = |s: Student, variant: u32| async move {
        let (mut ws, ready) = live(addr, &s).await;
        assert_eq!(ready["type"], "ready", "{ready}");
        assert_eq!(ready["last_seq"], 0);
        let acts = actions(variant);
        let mut local = stream_all(&mut ws, &acts, s.seed).await;
        let end = 18.0;
        let graded = finish(&mut ws, end).await;
        let window = local.grade(end);
        (s, graded, window)
    };
    let ((ana, ga, wa), (_ben, gb, wb)) = tokio::join!(play(ana, 0), play(ben, 1));
    for (g, w) in [(&ga, &wa), (&gb, &wb)] {
        assert_eq!(g["score"], w.score, "the server's grade is the window's");
        assert_eq!(
            g["report"],
            serde_json::to_value(w).expect("json"),
            "the whole debrief is the window's"
        );
    }
    assert_ne!(
        ga["report"]["timeline"], gb["report"]["timeline"],
        "two different attempts"
    );
    // The teacher sees both attempts, graded, with their entries.
    let (status, list) = c
        .call(
            "GET",
            &format!("/api/classes/{}/attempts", class.class_id),
            Auth::Cookie(&class.cookie),
            None,
        )
        .await;
    assert_eq!(status, 200);
    let list = list.as_array().expect("list").clone();
    assert_eq!(list.len(), 2);
    for a in &list {
        assert_eq!(a["status"], "finished");
        assert_eq!(a["last_seq"], actions(0).len());
    }
    let (status, detail) = c
        .call(
            "GET",
            &format!("/api/attempts/{}", ana.attempt),
            Auth::Cookie(&class.cookie),
            None,
        )
        .await;
    assert_eq!(status, 200, "{detail}");
    assert_eq!(
        detail["entries"].as_array().expect("entries").len(),
        actions(0).len()
    );
    assert_eq!(detail["report"]["score"], wa.score);
    assert!(
        detail["entries"][0]["received_ms"]
            .as_i64()
            .expect("stamped")
            > 0
    );
    check_csv(&c, &class, &wa, &wb).await;
    check_xapi(&c, &class, &wa).await;
}

/// A real `scs-sim serve` process.
pub struct Proc {
    pub child: std::process::Child,
    pub addr: SocketAddr,
}

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `scs-sim serve --add-teacher NAME` with the password on standard input.
pub fn add_teacher_cli(database: &str, name: &str) {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_scs-sim"))
        .args(["serve", "--database", database, "--add-teacher", name])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("scs-sim runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"correct horse battery\n")
        .expect("password");
    let out = child.wait_with_output().expect("exits");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains(&format!("teacher '{name}'")));
}

/// Starts `scs-sim serve` on an ephemeral loopback port and reads the address it prints.
pub fn serve_process(database: &str) -> Proc {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_scs-sim"))
        .args(["serve", "--listen", "127.0.0.1:0", "--database", database])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("scs-sim serve runs");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    std::io::BufReader::new(stdout)
        .read_line(&mut line)
        .expect("a line");
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| panic!("no address in {line:?}"));
    Proc { child, addr }
}

/// The class's CSV: a header and one row per attempt with its score and criteria.
async fn check_csv(c: &Client, class: &Class, wa: &ScoreReport, wb: &ScoreReport) {
    // CSV: a header and one row per attempt with its score.
    let csv = c
        .http
        .get(c.url(&format!("/api/classes/{}/results.csv", class.class_id)))
        .header("cookie", &class.cookie)
        .send()
        .await
        .expect("csv")
        .text()
        .await
        .expect("text");
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().expect("header").clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 2, "{csv}");
    let col = |name: &str| headers.iter().position(|h| h == name).expect("column");
    let by_name = |n: &str| {
        rows.iter()
            .find(|r| &r[col("student")] == n)
            .expect("row")
            .clone()
    };
    assert_eq!(by_name("Ana")[col("score")], wa.score.to_string());
    assert_eq!(by_name("Ben")[col("score")], wb.score.to_string());
    assert!(
        by_name("Ana")[col("criteria")].starts_with("Goal "),
        "{csv}"
    );
}

/// The class's xAPI: completed + passed/failed per attempt, scaled score, ISO 8601 duration.
async fn check_xapi(c: &Client, class: &Class, wa: &ScoreReport) {
    // xAPI: completed + passed/failed per attempt, scaled score, ISO 8601 duration.
    let (status, xapi) = c
        .call(
            "GET",
            &format!("/api/classes/{}/xapi", class.class_id),
            Auth::Cookie(&class.cookie),
            None,
        )
        .await;
    assert_eq!(status, 200);
    let xapi = xapi.as_array().expect("statements").clone();
    assert_eq!(xapi.len(), 4);
    let ana_statements: Vec<&Value> = xapi
        .iter()
        .filter(|s| s["actor"]["name"] == "Ana")
        .collect();
    assert_eq!(
        ana_statements[0]["verb"]["id"],
        "http://adlnet.gov/expapi/verbs/completed"
    );
    let verdict = if wa.goal_met { "passed" } else { "failed" };
    assert_eq!(ana_statements[1]["verb"]["display"]["en-US"], verdict);
    let scaled = ana_statements[1]["result"]["score"]["scaled"]
        .as_f64()
        .expect("scaled");
    assert!((scaled - f64::from(wa.score) / 100.0).abs() < 1e-9);
    assert_eq!(ana_statements[1]["result"]["success"], wa.goal_met);
    let duration = ana_statements[1]["result"]["duration"]
        .as_str()
        .expect("duration");
    assert!(
        duration.starts_with("PT") && duration.ends_with('S'),
        "{duration}"
    );
    assert_eq!(ana_statements[1]["version"], "1.0.3");
}

/// Sends entries `range` (numbered from 1 by their place) and asserts each is acknowledged.
pub async fn ack_all(ws: &mut Ws, entries: &[LogEntry], range: std::ops::Range<usize>) {
    for i in range {
        let answer = entry(ws, i as i64 + 1, &entries[i]).await;
        assert_eq!(answer["type"], "ack", "entry {}: {answer}", i + 1);
    }
}

/// The local play of `actions` on attempt `seed` and the log entries it made, in order.
pub fn played(actions: &[(f64, Role, Command)], seed: u64) -> (Play, Vec<LogEntry>) {
    let mut play = Play::new(seed);
    let entries = actions.iter().map(|a| play.act(a)).collect();
    (play, entries)
}

/// Attempt `id` as the store holds it now.
pub async fn stored_attempt(
    store: &scs_sim::server::store::Store,
    id: &str,
) -> scs_sim::server::store::AttemptRow {
    store.attempt(id).await.expect("read").expect("there")
}
