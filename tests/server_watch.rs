//! The class on screen, server side (issue 24): a teacher watches a trainee's live attempt
//! and the trainee is told; students follow the teacher's demonstration; the dashboard's
//! live roster and results; the pages at the class address; the HTTP request limit.

mod server_support;

use futures_util::future::join_all;
use scs_sim::session::action_words::action_words;
use serde_json::{Value, json};
use server_support::{
    Auth, Client, EXERCISE, TestServer, Ws, ack_all, actions, entry, finish, live, played, recv,
    send, student,
};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;

/// Opens a read-only stream (`/api/watch` or `/api/follow`), with a cookie if given, and
/// says hello.
async fn viewer(addr: std::net::SocketAddr, route: &str, cookie: Option<&str>, hello: Value) -> Ws {
    let mut req = format!("ws://{addr}{route}")
        .into_client_request()
        .expect("request");
    if let Some(c) = cookie {
        req.headers_mut()
            .insert("cookie", c.parse().expect("header"));
    }
    let (mut ws, _) = tokio_tungstenite::connect_async(req).await.expect("ws");
    send(&mut ws, hello).await;
    ws
}

/// The next message that is not a `clock`.
async fn next(ws: &mut Ws) -> Value {
    loop {
        let m = recv(ws).await;
        if m["type"] != "clock" {
            return m;
        }
    }
}

/// A watch key from the dashboard's route, the watch stream opened with it, and its start
/// and first entries checked.
async fn open_watch(
    c: &Client,
    class: &server_support::Class,
    ana: &server_support::Student,
    entries: &[scs_sim::session::LogEntry],
) -> Ws {
    let (status, key) = c
        .call(
            "POST",
            &format!("/api/attempts/{}/watch", ana.attempt),
            Auth::Cookie(&class.cookie),
            None,
        )
        .await;
    assert_eq!(status, 200, "{key}");
    let link = key["link"].as_str().expect("link");
    assert_eq!(
        link,
        format!(
            "/?watch={}&key={}",
            ana.attempt,
            key["key"].as_str().expect("key")
        )
    );
    let mut watcher = viewer(
        c.addr,
        "/api/watch",
        None,
        json!({ "type": "hello", "attempt": ana.attempt, "key": key["key"] }),
    )
    .await;
    let start = next(&mut watcher).await;
    assert_eq!(start["type"], "start", "{start}");
    assert_eq!(start["source"], "attempt");
    assert_eq!(start["who"], "Ana");
    assert_eq!(start["exercise"], EXERCISE);
    assert_eq!(start["seed"], ana.seed);
    assert_eq!(
        start["hidden_truth"], true,
        "the teacher sees the hidden truth"
    );
    for (i, e) in entries.iter().enumerate() {
        let got = next(&mut watcher).await;
        assert_eq!(got["type"], "entry");
        assert_eq!(got["seq"], i as i64 + 1);
        assert_eq!(
            got["command"],
            serde_json::to_value(&e.command).expect("json")
        );
    }
    watcher
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_teacher_watches_a_live_attempt_and_the_trainee_is_told() {
    let s = TestServer::sqlite().await;
    let c = Client::of(s.addr);
    let class = server_support::class(&c, &s.running.store).await;
    let ana = student(&c, &class, "Ana").await;
    let (mut ws, ready) = live(s.addr, &ana).await;
    assert_eq!(ready["type"], "ready");
    let acts = actions(0);
    let (mut play, entries) = played(&acts, ana.seed);
    ack_all(&mut ws, &entries, 0..3).await;

    let mut watcher = open_watch(&c, &class, &ana, &entries[..3]).await;
    // The trainee is told someone watches.
    assert_eq!(
        recv(&mut ws).await,
        json!({ "type": "watched", "watchers": 1 })
    );
    // A new entry reaches the watcher as it is stored.
    let answer = entry(&mut ws, 4, &entries[3]).await;
    assert_eq!(answer["type"], "ack", "{answer}");
    let got = next(&mut watcher).await;
    assert_eq!(
        (got["type"].as_str(), got["seq"].as_i64()),
        (Some("entry"), Some(4))
    );
    ack_all(&mut ws, &entries, 4..entries.len()).await;
    let graded = finish(&mut ws, 18.0).await;
    assert_eq!(graded["score"], play.grade(18.0).score);
    // The watcher sees the rest, then the grade, then the stream ends.
    let mut last = 4;
    let end = loop {
        let m = next(&mut watcher).await;
        if m["type"] != "entry" {
            break m;
        }
        last = m["seq"].as_i64().expect("seq");
    };
    assert_eq!(last, entries.len() as i64, "every entry, in order");
    assert_eq!(end["type"], "graded", "{end}");
    assert_eq!(end["score"], graded["score"]);
    assert!(recv(&mut watcher).await.is_null(), "closed after the grade");
    assert_eq!(
        recv(&mut ws).await,
        json!({ "type": "watched", "watchers": 0 })
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_the_class_s_teacher_or_a_key_opens_a_watch() {
    let s = TestServer::sqlite().await;
    let c = Client::of(s.addr);
    let class = server_support::class(&c, &s.running.store).await;
    let other = server_support::class(&c, &s.running.store).await;
    let ana = student(&c, &class, "Ana").await;
    let ben = student(&c, &class, "Ben").await;
    let hello = |key: Option<&str>| json!({ "type": "hello", "attempt": ana.attempt, "key": key });
    // With the class's teacher's login cookie (the browser build at the same address).
    let mut w = viewer(
        s.addr,
        "/api/watch",
        Some(&class.cookie),
        json!({ "type": "hello", "attempt": ana.attempt }),
    )
    .await;
    assert_eq!(next(&mut w).await["type"], "start");
    // Nothing, a wrong key, another teacher, a key of another attempt: refused.
    let (_, ben_key) = c
        .call(
            "POST",
            &format!("/api/attempts/{}/watch", ben.attempt),
            Auth::Cookie(&class.cookie),
            None,
        )
        .await;
    let (status, _) = c
        .call(
            "POST",
            &format!("/api/attempts/{}/watch", ana.attempt),
            Auth::Cookie(&other.cookie),
            None,
        )
        .await;
    assert_eq!(status, 404, "another teacher gets no key");
    for (cookie, hello) in [
        (None, json!({ "type": "hello", "attempt": ana.attempt })),
        (None, hello(Some("0123"))),
        (
            Some(other.cookie.as_str()),
            json!({ "type": "hello", "attempt": ana.attempt }),
        ),
        (None, hello(ben_key["key"].as_str())),
    ] {
        let mut w = viewer(s.addr, "/api/watch", cookie, hello.clone()).await;
        let answer = recv(&mut w).await;
        assert_eq!(answer["type"], "error", "{hello}: {answer}");
        assert!(recv(&mut w).await.is_null(), "closed");
    }
    // The cookie from another site's page opens nothing.
    let mut req = format!("ws://{}/api/watch", s.addr)
        .into_client_request()
        .expect("request");
    req.headers_mut()
        .insert("cookie", class.cookie.parse().expect("header"));
    req.headers_mut().insert(
        "origin",
        "http://elsewhere.example".parse().expect("header"),
    );
    let (mut foreign, _) = tokio_tungstenite::connect_async(req).await.expect("ws");
    send(
        &mut foreign,
        json!({ "type": "hello", "attempt": ana.attempt }),
    )
    .await;
    assert_eq!(recv(&mut foreign).await["type"], "error");
    // A viewer sends nothing after hello.
    send(&mut w, json!({ "type": "entry" })).await;
    assert_eq!(next(&mut w).await["type"], "error");
}

/// A teacher's call with the login cookie.
async fn teacher(
    c: &Client,
    class: &server_support::Class,
    method: &str,
    path: &str,
    body: Option<Value>,
) -> (u16, Value) {
    let path = path.replace("{class}", &class.class_id);
    c.call(method, &path, Auth::Cookie(&class.cookie), body)
        .await
}

/// The teacher's window: the demonstration's live record, said hello to; returns `ready`.
async fn demo_stream(addr: std::net::SocketAddr, demo: &Value, key: &str) -> (Ws, Value) {
    let (mut ws, _) = tokio_tungstenite::connect_async(format!("ws://{addr}/api/live"))
        .await
        .expect("ws");
    send(
        &mut ws,
        json!({ "type": "hello", "demo": demo["demo"], "key": key }),
    )
    .await;
    let ready = recv(&mut ws).await;
    (ws, ready)
}

fn remote(seq: i64, t_s: f64, key: &str) -> Value {
    json!({ "type": "entry", "seq": seq, "t_s": t_s, "sender": "Teacher", "command": { "Remote": key }, "outcome": null })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn students_follow_the_teacher_s_demonstration() {
    let s = TestServer::sqlite().await;
    let c = Client::of(s.addr);
    let class = server_support::class(&c, &s.running.store).await;
    let hello = json!({ "type": "hello", "code": class.code.to_lowercase() });
    let mut follower = viewer(s.addr, "/api/follow", None, hello).await;
    assert_eq!(recv(&mut follower).await, json!({ "type": "waiting" }));
    let body = json!({ "exercise": EXERCISE, "seed": 5 });
    let (status, demo) = teacher(&c, &class, "POST", "/api/classes/{class}/demo", Some(body)).await;
    assert_eq!(status, 201, "{demo}");
    assert_eq!(demo["link"], format!("/?follow={}", class.code));
    let start = next(&mut follower).await;
    assert_eq!(
        (start["type"].as_str(), start["source"].as_str()),
        (Some("start"), Some("demo"))
    );
    assert_eq!(start["seed"], 5);
    assert_eq!(
        start["hidden_truth"], false,
        "students do not see the hidden truth"
    );
    assert!(start["who"].as_str().expect("who").starts_with("teacher-"));
    let (mut window, ready) = demo_stream(s.addr, &demo, demo["key"].as_str().expect("key")).await;
    assert_eq!(
        (ready["type"].as_str(), ready["seed"].as_u64()),
        (Some("ready"), Some(5))
    );
    assert_eq!(
        ready["exercise"], EXERCISE,
        "ready names what to build: {ready}"
    );
    assert_eq!(ready["patient"], Value::Null);
    send(&mut window, remote(1, 1.0, "TherapyOn")).await;
    assert_eq!(recv(&mut window).await["type"], "ack");
    send(&mut window, remote(3, 2.0, "TherapyOff")).await;
    assert_eq!(
        recv(&mut window).await["error"],
        "entry 3 is out of sequence: the next entry of this demonstration is 2"
    );
    let got = next(&mut follower).await;
    assert_eq!(
        (got["seq"].as_i64(), got["sender"].as_str()),
        (Some(1), Some("Teacher"))
    );
    let (_, view) = teacher(&c, &class, "GET", "/api/classes/{class}/live", None).await;
    assert_eq!(view["demo"]["followers"], 1, "{view}");
    send(&mut window, json!({ "type": "finish", "t_s": 5.0 })).await;
    let ended = json!({ "type": "ended", "end_t_s": 5.0 });
    assert_eq!(recv(&mut window).await, ended);
    assert_eq!(next(&mut follower).await, ended);
    assert_eq!(
        next(&mut follower).await,
        json!({ "type": "waiting" }),
        "and waits for the next"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_demonstration_opens_only_with_its_key_code_and_a_real_patient() {
    let s = TestServer::sqlite().await;
    let c = Client::of(s.addr);
    let class = server_support::class(&c, &s.running.store).await;
    let body = json!({ "patient": "nobody" });
    let (status, answer) =
        teacher(&c, &class, "POST", "/api/classes/{class}/demo", Some(body)).await;
    assert_eq!(status, 400, "{answer}");
    let patient = scs_sim::library::ids()[0];
    let body = json!({ "patient": patient });
    let (status, demo) = teacher(&c, &class, "POST", "/api/classes/{class}/demo", Some(body)).await;
    assert_eq!(
        (status, demo["patient"].as_str()),
        (201, Some(patient)),
        "{demo}"
    );
    let (_, ready) = demo_stream(s.addr, &demo, demo["key"].as_str().expect("key")).await;
    assert_eq!(
        (ready["type"].as_str(), ready["patient"].as_str()),
        (Some("ready"), Some(patient))
    );
    assert_eq!(ready.get("exercise"), None, "{ready}");
    let (_, ready) = demo_stream(s.addr, &demo, "nope").await;
    assert_eq!(ready["type"], "error", "{ready}");
    let hello = json!({ "type": "hello", "code": "ZZZZZZ" });
    let mut f = viewer(s.addr, "/api/follow", None, hello).await;
    assert_eq!(
        recv(&mut f).await,
        json!({ "type": "error", "error": "no class has this code" })
    );
}

/// Ana's live row: connected, her last action in words, the relief of her own session.
fn check_live_row(row: &Value, entries: &[scs_sim::session::LogEntry], seed: u64) {
    let a = &row["attempt"];
    assert_eq!(row["connected"], true);
    assert_eq!(
        (a["status"].as_str(), a["last_seq"].as_i64()),
        (Some("live"), Some(entries.len() as i64))
    );
    assert_eq!(
        a["last_action"],
        action_words(&entries[entries.len() - 1].command, None)
    );
    let mut mine = server_support::Play::new(seed);
    for act in &actions(0)[..entries.len()] {
        mine.act(act);
    }
    let relief = mine.session.view().pain.relief_percent;
    let shown = a["relief_percent"].as_f64().expect("relief");
    assert!(
        (shown - relief).abs() < 1e-9,
        "the server's replay's relief {shown} is the trainee's {relief}"
    );
}

/// The results once Ana is graded: her row's scores and criteria, the histogram, the
/// mistakes (every point lost counted once).
fn check_results(results: &Value, window: &scs_sim::training::score::ScoreReport) {
    let rows = results["rows"].as_array().expect("rows");
    let ana = rows.iter().find(|r| r["student"] == "Ana").expect("Ana");
    assert_eq!(
        (&ana["best"], &ana["last"]),
        (&json!(window.score), &json!(window.score))
    );
    assert_eq!(
        ana["criteria"],
        serde_json::to_value(&window.criteria).expect("json")
    );
    let ex = &results["exercises"][0];
    let bins: u64 = ex["histogram"]
        .as_array()
        .expect("bins")
        .iter()
        .filter_map(Value::as_u64)
        .sum();
    assert_eq!(bins, 1, "one graded student");
    let lost: u64 = window
        .criteria
        .iter()
        .map(|c| u64::from(c.max - c.points))
        .sum();
    let mistakes = ex["mistakes"].as_array().expect("mistakes");
    let counted: u64 = mistakes.iter().filter_map(|m| m["lost"].as_u64()).sum();
    assert_eq!(counted, lost);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_roster_and_results_show_the_class_as_it_stands() {
    let s = TestServer::sqlite().await;
    let c = Client::of(s.addr);
    let class = server_support::class(&c, &s.running.store).await;
    let ana = student(&c, &class, "Ana").await;
    let ben = student(&c, &class, "Ben").await;
    let join = json!({ "code": class.code, "name": "Cy" });
    assert_eq!(
        c.call("POST", "/api/join", Auth::None, Some(join)).await.0,
        201
    );
    let (mut ws, _) = live(s.addr, &ana).await;
    let (mut play, entries) = played(&actions(0), ana.seed);
    ack_all(&mut ws, &entries, 0..5).await;
    let (status, view) = teacher(&c, &class, "GET", "/api/classes/{class}/live", None).await;
    assert_eq!(status, 200, "{view}");
    let rows = view["students"].as_array().expect("students");
    let names: Vec<&str> = rows.iter().filter_map(|r| r["name"].as_str()).collect();
    assert_eq!(names, ["Ana", "Ben", "Cy"]);
    check_live_row(&rows[0], &entries[..5], ana.seed);
    assert_eq!(rows[1]["connected"], false);
    assert_eq!(
        rows[1]["attempt"]["last_action"],
        Value::Null,
        "Ben did nothing yet"
    );
    assert_eq!(rows[2]["attempt"], Value::Null, "Cy has not started");
    // The student's own view: its class, and the attempt to resume.
    let (_, me) = c
        .call("GET", "/api/student", Auth::Bearer(&ben.token), None)
        .await;
    assert_eq!(me["class"]["code"], class.code);
    let (_, list) = c
        .call(
            "GET",
            "/api/student/assignments",
            Auth::Bearer(&ben.token),
            None,
        )
        .await;
    assert_eq!(
        (&list[0]["open_attempt"], &list[0]["attempts"]),
        (&json!(ben.attempt), &json!(1))
    );
    // Ana finishes: her row is graded, with her criteria.
    ack_all(&mut ws, &entries, 5..entries.len()).await;
    let graded = finish(&mut ws, 18.0).await;
    let window = play.grade(18.0);
    assert_eq!(graded["score"], window.score);
    let (_, list) = c
        .call(
            "GET",
            "/api/student/assignments",
            Auth::Bearer(&ana.token),
            None,
        )
        .await;
    assert_eq!(
        list[0]["open_attempt"],
        Value::Null,
        "nothing to resume once graded"
    );
    let (status, results) = teacher(&c, &class, "GET", "/api/classes/{class}/results", None).await;
    assert_eq!(status, 200, "{results}");
    check_results(&results, &window);
    let (_, view) = teacher(&c, &class, "GET", "/api/classes/{class}/live", None).await;
    assert_eq!(view["students"][0]["attempt"]["score"], window.score);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn too_many_requests_from_one_address_get_a_clear_429() {
    let s = TestServer::sqlite().await;
    let c = Client::of(s.addr);
    // A burst holds 200 and 50 more come each second: 1,000 at once overflow it unless the
    // machine takes 16 s to send them.
    let calls = (0..1000).map(|_| c.http.get(c.url("/api/health")).send());
    let answers = join_all(calls).await;
    let mut refused = None;
    let mut served = 0;
    for a in answers {
        let a = a.expect("answer");
        match a.status().as_u16() {
            200 => served += 1,
            429 => refused = Some(a),
            other => panic!("unexpected {other}"),
        }
    }
    assert!(served >= 200, "the burst is served: {served}");
    let refused = refused.expect("some are refused");
    assert_eq!(refused.headers()["retry-after"], "1");
    let body: Value = refused.json().await.expect("json");
    assert_eq!(
        body,
        json!({ "error": "too many requests from this address: wait a second and try again" })
    );
    tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
    let (status, _) = c.call("GET", "/api/health", Auth::None, None).await;
    assert_eq!(status, 200, "a second later it is served again");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_class_address_serves_the_browser_build_and_the_dashboard() {
    let s = TestServer::sqlite().await;
    let c = Client::of(s.addr);
    let page = c.http.get(c.url("/")).send().await.expect("page");
    assert_eq!(page.status().as_u16(), 404);
    let text = page.text().await.expect("text");
    assert!(
        text.contains("The browser build is missing") && text.contains("scripts/build-web.sh"),
        "{text}"
    );
    let dist = s.dir.0.join("dist");
    std::fs::create_dir_all(&dist).expect("dist");
    std::fs::write(dist.join("index.html"), "<p>app</p>").expect("write");
    std::fs::write(dist.join("scs-sim_bg.wasm"), b"\0asm").expect("write");
    std::os::unix::fs::symlink(s.dir.0.join("class.sqlite3"), dist.join("db.wasm")).expect("link");
    let page = c.http.get(c.url("/")).send().await.expect("page");
    assert_eq!(page.status().as_u16(), 200);
    assert_eq!(page.text().await.expect("text"), "<p>app</p>");
    let wasm = c
        .http
        .get(c.url("/scs-sim_bg.wasm"))
        .send()
        .await
        .expect("wasm");
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    for hidden in ["/db.wasm", "/..%2Fclass.sqlite3", "/.hidden"] {
        let (status, answer) = c.call("GET", hidden, Auth::None, None).await;
        assert_eq!(status, 404, "{hidden}: {answer}");
    }
    let dash = c
        .http
        .get(c.url("/teacher"))
        .send()
        .await
        .expect("dashboard");
    assert_eq!(dash.status().as_u16(), 200);
    assert!(dash.text().await.expect("text").contains("class dashboard"));
    let js = c
        .http
        .get(c.url("/teacher/dashboard.js"))
        .send()
        .await
        .expect("js");
    assert!(
        js.headers()["content-type"]
            .to_str()
            .expect("type")
            .starts_with("text/javascript")
    );
}
