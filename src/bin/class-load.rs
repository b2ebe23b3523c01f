//! `class-load`: a class's load on a real `scs-sim serve` on 127.0.0.1. It starts the
//! server (the `scs-sim` binary beside this one) on a temporary SQLite file, adds a
//! teacher, creates a class and an assignment, and connects N simulated students; each
//! plays the exercise in its own session (as the window does) at the exercise's speed and
//! sends a command every 2 s of wall time, waiting for each acknowledgement. It stops by
//! itself after M minutes and prints acknowledged and lost entries, acknowledgement
//! latency p50/p99, the server's CPU, and how long grading a one-hour attempt takes.
//! Loopback only; bounded in students (≤ 1000) and minutes (≤ 30).

use anyhow::{Context, Result, anyhow, bail};
use clap::Parser;
use futures_util::{SinkExt, StreamExt};
use scs_sim::session::{Command, LogEntry, ProgrammerEdit, Role, Session};
use scs_sim::training::exercise::find;
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::Message;

/// Load a class server on loopback with simulated students.
#[derive(Parser, Debug)]
struct Args {
    /// Simulated students (1–1000).
    #[arg(long, default_value_t = 30)]
    students: usize,
    /// Wall-clock minutes to run (up to 30).
    #[arg(long, default_value_t = 1.0)]
    minutes: f64,
    /// The built-in exercise they play (a stimulator exercise).
    #[arg(long, default_value = "convert-to-10khz")]
    exercise: String,
    /// Wall-clock seconds between one student's commands.
    #[arg(long, default_value_t = 2.0)]
    every_s: f64,
}

/// What every student adds up.
#[derive(Default)]
struct Tally {
    sent: u64,
    acked: u64,
    refused: Vec<String>,
    latencies_us: Vec<u64>,
}

fn main() -> Result<()> {
    let args = Args::parse();
    if !(1..=1000).contains(&args.students) || !(0.01..=30.0).contains(&args.minutes) {
        bail!("--students is 1 to 1000 and --minutes 0.01 to 30");
    }
    if !(0.1..=600.0).contains(&args.every_s) {
        bail!("--every-s is 0.1 to 600");
    }
    let runtime = tokio::runtime::Runtime::new()?;
    runtime.block_on(run(args))
}

/// The `scs-sim` binary beside this one.
fn server_binary() -> Result<std::path::PathBuf> {
    let me = std::env::current_exe()?;
    let path = me.with_file_name(format!("scs-sim{}", std::env::consts::EXE_SUFFIX));
    if path.exists() {
        Ok(path)
    } else {
        Err(anyhow!(
            "{} is not built: cargo build --release first",
            path.display()
        ))
    }
}

/// The server: a child process on a temporary database, with teacher `load`.
struct Server {
    child: std::process::Child,
    addr: SocketAddr,
    dir: std::path::PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn start_server() -> Result<Server> {
    use std::io::{BufRead, Write};
    let bin = server_binary()?;
    let dir = std::env::temp_dir().join(format!("scs-sim-class-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let db = dir.join("class.sqlite3").display().to_string();
    let mut add = std::process::Command::new(&bin)
        .args(["serve", "--database", &db, "--add-teacher", "load"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()?;
    add.stdin
        .take()
        .context("stdin")?
        .write_all(b"load-test-password\n")?;
    if !add.wait()?.success() {
        bail!("the teacher could not be added");
    }
    let mut child = std::process::Command::new(&bin)
        // Every simulated student comes from 127.0.0.1: the per-address request limit
        // (meant for a classroom's many addresses) would refuse the class joining at once.
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--database",
            &db,
            "--requests-per-s",
            "0",
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()?;
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().context("stdout")?).read_line(&mut line)?;
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split_whitespace().next())
        .and_then(|a| a.parse().ok())
        .ok_or_else(|| anyhow!("the server did not say where it listens: {line}"))?;
    Ok(Server { child, addr, dir })
}

/// The server's CPU time so far, s (Linux: /proc/PID/stat, user + system).
fn cpu_s(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

async fn post(
    http: &reqwest::Client,
    url: String,
    body: Value,
    auth: &[(&str, String)],
) -> Result<Value> {
    let mut req = http.post(url).json(&body);
    for (k, v) in auth {
        req = req.header(*k, v);
    }
    let resp = req.send().await?;
    let status = resp.status();
    let text = resp.text().await?;
    if !status.is_success() {
        bail!("{status}: {text}");
    }
    Ok(serde_json::from_str(&text)?)
}

/// Logs in, creates a class and an assignment; returns the class code and assignment id.
async fn class(
    http: &reqwest::Client,
    addr: SocketAddr,
    exercise: &str,
) -> Result<(String, String)> {
    let resp = http
        .post(format!("http://{addr}/api/teacher/login"))
        .json(&json!({ "name": "load", "password": "load-test-password" }))
        .send()
        .await?;
    let cookie = resp
        .headers()
        .get("set-cookie")
        .and_then(|c| c.to_str().ok())
        .and_then(|c| c.split(';').next())
        .ok_or_else(|| anyhow!("no login cookie"))?
        .to_string();
    let auth = [("cookie", cookie)];
    let class = post(
        http,
        format!("http://{addr}/api/classes"),
        json!({ "name": "load" }),
        &auth,
    )
    .await?;
    let id = class["id"].as_str().context("class id")?;
    let a = post(
        http,
        format!("http://{addr}/api/classes/{id}/assignments"),
        json!({ "exercise": exercise }),
        &auth,
    )
    .await?;
    Ok((
        class["code"].as_str().context("code")?.to_string(),
        a["id"].as_str().context("id")?.to_string(),
    ))
}

/// What one student needs to play.
struct Seat {
    addr: SocketAddr,
    code: String,
    assignment: String,
    exercise: String,
    every: Duration,
    until: Instant,
}

/// One student: joins, starts an attempt, plays until `until`, finishes.
async fn student(n: usize, seat: Arc<Seat>, tally: Arc<Mutex<Tally>>) -> Result<()> {
    let http = reqwest::Client::new();
    let joined = post(
        &http,
        format!("http://{}/api/join", seat.addr),
        json!({ "code": seat.code, "name": format!("student {n}") }),
        &[],
    )
    .await?;
    let token = joined["token"].as_str().context("token")?.to_string();
    let bearer = [("authorization", format!("Bearer {token}"))];
    let started = post(
        &http,
        format!("http://{}/api/student/attempts", seat.addr),
        json!({ "assignment": seat.assignment }),
        &bearer,
    )
    .await?;
    let clock = Instant::now();
    let attempt = started["attempt"]["id"]
        .as_str()
        .context("attempt")?
        .to_string();
    let speed = started["speed"].as_f64().context("speed")?;
    let budget = started["time_budget_s"].as_f64().context("budget")?;
    let (mut ws, _) =
        tokio_tungstenite::connect_async(format!("ws://{}/api/live", seat.addr)).await?;
    send(
        &mut ws,
        json!({ "type": "hello", "token": token, "attempt": attempt }),
    )
    .await?;
    let ready = recv(&mut ws).await?;
    if ready["type"] != "ready" {
        bail!("not ready: {ready}");
    }
    let mut session = find(&seat.exercise)?.start_session()?;
    // Students do not all act on the same beat.
    tokio::time::sleep(seat.every.mul_f64(n as f64 / 1000.0 % 1.0)).await;
    let mut seq = 0;
    while Instant::now() + seat.every < seat.until {
        tokio::time::sleep(seat.every).await;
        let t = (clock.elapsed().as_secs_f64() * speed - 1.0).clamp(0.0, budget);
        seq += 1;
        let e = act(&mut session, t, seq);
        let sent = Instant::now();
        send(&mut ws, json!({ "type": "entry", "seq": seq, "t_s": e.t_s, "sender": e.role, "command": e.command, "outcome": e.refused })).await?;
        tally.lock().map_err(|_| anyhow!("tally"))?.sent += 1;
        let answer = recv(&mut ws).await?;
        let mut tally = tally.lock().map_err(|_| anyhow!("tally"))?;
        if answer["type"] == "ack" {
            tally.acked += 1;
            tally.latencies_us.push(sent.elapsed().as_micros() as u64);
        } else {
            tally.refused.push(answer.to_string());
            bail!("entry {seq} not acknowledged: {answer}");
        }
    }
    let t = (clock.elapsed().as_secs_f64() * speed - 1.0).clamp(session.t_s, budget);
    send(&mut ws, json!({ "type": "finish", "t_s": t })).await?;
    let graded = recv(&mut ws).await?;
    if graded["type"] != "graded" {
        bail!("not graded: {graded}");
    }
    Ok(())
}

/// The student's next command at `t` in its own session: the amplitude, round and round.
fn act(session: &mut Session, t: f64, seq: i64) -> LogEntry {
    session.advance_to(t);
    let ma = 1.0 + (seq % 8) as f64 * 0.25;
    let _ = session.apply_as(
        Role::Clinician,
        Command::Programmer(ProgrammerEdit::SetAmplitude(ma)),
    );
    session.log.last().cloned().unwrap_or(LogEntry {
        t_s: t,
        role: Role::Clinician,
        command: Command::Programmer(ProgrammerEdit::SetAmplitude(ma)),
        refused: None,
    })
}

type Ws =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn send(ws: &mut Ws, v: Value) -> Result<()> {
    ws.send(Message::Text(v.to_string().into())).await?;
    Ok(())
}

async fn recv(ws: &mut Ws) -> Result<Value> {
    loop {
        match tokio::time::timeout(Duration::from_secs(60), ws.next()).await? {
            Some(Ok(Message::Text(t))) => return Ok(serde_json::from_str(&t)?),
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => {}
            other => bail!("the connection ended: {other:?}"),
        }
    }
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() - 1) as f64 * p).round() as usize;
    sorted[i] as f64 / 1000.0
}

async fn run(args: Args) -> Result<()> {
    let server = start_server()?;
    let http = reqwest::Client::new();
    let (code, assignment) = class(&http, server.addr, &args.exercise).await?;
    let wall = Duration::from_secs_f64(args.minutes * 60.0);
    let seat = Arc::new(Seat {
        addr: server.addr,
        code,
        assignment,
        exercise: args.exercise.clone(),
        every: Duration::from_secs_f64(args.every_s),
        until: Instant::now() + wall,
    });
    let tally = Arc::new(Mutex::new(Tally::default()));
    let cpu_before = cpu_s(server.child.id());
    let began = Instant::now();
    let mut tasks = Vec::new();
    for n in 0..args.students {
        tasks.push(tokio::spawn(student(
            n,
            Arc::clone(&seat),
            Arc::clone(&tally),
        )));
    }
    let mut failed = Vec::new();
    for t in tasks {
        match t.await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => failed.push(e.to_string()),
            Err(e) => failed.push(e.to_string()),
        }
    }
    let elapsed = began.elapsed().as_secs_f64();
    let cpu = match (cpu_before, cpu_s(server.child.id())) {
        (Some(a), Some(b)) => format!(
            "{:.1} % of one core ({:.1} s CPU in {elapsed:.0} s)",
            (b - a) / elapsed * 100.0,
            b - a
        ),
        _ => "not measured (no /proc)".to_string(),
    };
    report(&args, &tally, &failed, &cpu)?;
    grade_hour(&args.exercise)
}

fn report(args: &Args, tally: &Mutex<Tally>, failed: &[String], cpu: &str) -> Result<()> {
    let mut t = tally.lock().map_err(|_| anyhow!("tally"))?;
    t.latencies_us.sort_unstable();
    println!(
        "class-load: {} students × {} min, {} every {} s",
        args.students, args.minutes, args.exercise, args.every_s
    );
    println!("acknowledged entries: {}", t.acked);
    println!(
        "lost entries (sent, never acknowledged): {}",
        t.sent - t.acked
    );
    println!("refused entries: {}", t.refused.len());
    println!(
        "acknowledgement latency: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        percentile(&t.latencies_us, 0.5),
        percentile(&t.latencies_us, 0.99),
        percentile(&t.latencies_us, 1.0)
    );
    println!("server CPU: {cpu}");
    println!("students that failed: {}", failed.len());
    for f in failed.iter().take(5) {
        println!("  {f}");
    }
    Ok(())
}

/// Grades a one-hour attempt (a command every 20 simulated seconds) with the server's
/// grading, first cold (the expert plan is searched once per process) and then warm.
fn grade_hour(exercise_id: &str) -> Result<()> {
    let exercise = find(exercise_id)?;
    let mut session = exercise.start_session()?;
    let setup = session.log.len();
    for seq in 1..=180 {
        act(&mut session, f64::from(seq) * 20.0, i64::from(seq));
    }
    let entries: Vec<LogEntry> = session.log[setup..].to_vec();
    let mut times = Vec::new();
    for _ in 0..3 {
        let began = Instant::now();
        let report = scs_sim::server::grade::grade(&exercise, 1, entries.clone(), 3600.0)?;
        times.push((began.elapsed().as_secs_f64() * 1000.0, report.score));
    }
    println!(
        "grading a one-hour attempt (180 entries): {:.1} ms cold (expert plan), {:.1} ms warm (score {})",
        times[0].0, times[2].0, times[2].1
    );
    Ok(())
}
