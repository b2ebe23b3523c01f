//! The class server in this process on an ephemeral loopback port with a temporary SQLite
//! file: a class played live by two students, forged entries refused, reconnect and
//! resume, every teacher route refused without a login, a student kept to its own
//! attempts, the limits.

mod server_support;

use scs_sim::server::routes::TEACHER_ROUTES;
use scs_sim::session::{Command, ProgrammerEdit, Refusal, Role, WorldEvent};
use serde_json::{Value, json};
use server_support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_class_is_played_live_and_graded_as_the_window_grades() {
    let s = TestServer::sqlite().await;
    class_flow(s.addr, &s.running.store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_opens_nothing() {
    let s = TestServer::sqlite().await;
    let c = Client::of(s.addr);
    server_support::class(&c, &s.running.store).await;
    let (status, body) = c
        .call(
            "POST",
            "/api/teacher/login",
            Auth::None,
            Some(json!({ "name": "nobody", "password": "correct horse battery" })),
        )
        .await;
    assert_eq!(status, 401);
    assert_eq!(body["error"], "wrong teacher name or password");
}

/// Every forged entry is refused with a sentence, nothing of it is stored, and the
/// attempt goes on from where it stood.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forged_entries_are_refused_and_the_attempt_stays_intact() {
    let s = TestServer::sqlite().await;
    let c = Client::of(s.addr);
    let class = server_support::class(&c, &s.running.store).await;
    let st = student(&c, &class, "Ana").await;
    let (mut ws, _) = live(s.addr, &st).await;
    let mut play = Play::new(st.seed);
    let acts = actions(0);
    let first = play.act(&acts[0]);
    assert_eq!(entry(&mut ws, 1, &first).await["type"], "ack");
    let second = play.act(&acts[1]);

    let refused = |answer: &Value, words: &str| {
        assert_eq!(answer["type"], "refused", "{answer}");
        let error = answer["error"].as_str().expect("a sentence");
        assert!(error.contains(words), "'{error}' should say '{words}'");
    };
    // Out of sequence: a gap, and entry 1 again.
    refused(&entry(&mut ws, 3, &second).await, "out of sequence");
    refused(&entry(&mut ws, 1, &second).await, "out of sequence");
    // A sender the exercise does not allow a trainee: a teacher's world event.
    let mut forged = second.clone();
    forged.role = Role::Teacher;
    forged.command = Command::World(WorldEvent::Recharge);
    refused(
        &entry(&mut ws, 2, &forged).await,
        "may not act in this exercise",
    );
    // Simulated time running ahead of the attempt's clock (10× since it started).
    let mut ahead = second.clone();
    ahead.t_s = 500.0;
    refused(&entry(&mut ws, 2, &ahead).await, "runs ahead");
    // A time past any budget is said short, not in 309 digits.
    ahead.t_s = 1e300;
    let answer = entry(&mut ws, 2, &ahead).await;
    refused(&answer, "1e300");
    assert!(
        answer["error"].as_str().unwrap_or("").len() < 200,
        "{answer}"
    );
    // Time going back.
    let mut back = second.clone();
    back.t_s = 0.5;
    refused(&entry(&mut ws, 2, &back).await, "comes before");
    // An outcome that differs from the server's replay.
    let mut lie = second.clone();
    lie.refused = Some(Refusal::NotAllowed);
    refused(
        &entry(&mut ws, 2, &lie).await,
        "outcome is not the server's",
    );
    // A value the core refuses, claimed accepted.
    let mut bad = second.clone();
    bad.command = Command::Programmer(ProgrammerEdit::SetAmplitude(-3.0));
    let answer = entry(&mut ws, 2, &bad).await;
    refused(
        &answer,
        "outcome is not the server's: Programmer(SetAmplitude(-3.0))",
    );
    // Numbered as the trainee's entries are, not by the log's place behind the start.
    assert!(
        !answer["error"].to_string().contains("of the log"),
        "{answer}"
    );
    malformed_messages_are_answered_with_an_error(&mut ws).await;
    // The true entry 2 is still taken, and only entries 1 and 2 are stored.
    assert_eq!(entry(&mut ws, 2, &second).await["type"], "ack");
    let (status, mine) = c.mine(&st).await;
    assert_eq!(status, 200);
    let stored = mine["entries"].as_array().expect("entries");
    assert_eq!(stored.len(), 2);
    assert_eq!(
        stored[1]["command"],
        serde_json::to_value(&second.command).expect("json")
    );
    // After the finish, nothing more is taken.
    finish(&mut ws, 5.0).await;
    let third = play.act(&acts[2]);
    refused(&entry(&mut ws, 3, &third).await, "this attempt is over");
}

/// Malformed messages: each answered with a clear error, the attempt intact.
async fn malformed_messages_are_answered_with_an_error(ws: &mut Ws) {
    for text in [
        "{not json",
        r#"{"type":"entry","seq":2,"t_s":"soon","sender":"Clinician","command":{"Remote":"TherapyOn"}}"#,
        r#"{"type":"entry","seq":2,"t_s":1e999,"sender":"Clinician","command":{"Remote":"TherapyOn"}}"#,
        r#"{"type":"entry","seq":2,"t_s":2.0,"sender":"Clinician","command":{"Programmer":{"Explode":1}}}"#,
        r#"{"type":"upload","entries":[]}"#,
    ] {
        send_text(ws, text).await;
        let answer = recv(ws).await;
        assert_eq!(answer["type"], "error", "{text}: {answer}");
        assert!(
            answer["error"]
                .as_str()
                .expect("sentence")
                .starts_with("this message cannot be read")
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_connection_resumes_from_the_last_acknowledged_entry() {
    let s = TestServer::sqlite().await;
    let c = Client::of(s.addr);
    let class = server_support::class(&c, &s.running.store).await;
    let st = student(&c, &class, "Ana").await;
    let acts = actions(0);
    let (mut play, entries) = played(&acts, st.seed);
    let (mut ws, _) = live(s.addr, &st).await;
    ack_all(&mut ws, &entries, 0..5).await;
    drop(ws);
    let (mut ws, ready) = live(s.addr, &st).await;
    assert_eq!(ready["type"], "ready");
    assert_eq!(
        ready["last_seq"], 5,
        "resumes after the 5 acknowledged entries"
    );
    ack_all(&mut ws, &entries, 5..entries.len()).await;
    let graded = finish(&mut ws, 18.0).await;
    assert_eq!(graded["score"], play.grade(18.0).score);
}

/// Every teacher route without a login (none, a made-up one, a student's token as a
/// cookie) answers 401 with one JSON sentence.
/// The same exercise with the same patient rule is given once: a second is refused in a
/// sentence; with a fixed seed it is another assignment.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_assignment_is_not_given_twice() {
    let s = TestServer::sqlite().await;
    let c = Client::of(s.addr);
    let class = server_support::class(&c, &s.running.store).await;
    let path = format!("/api/classes/{}/assignments", class.class_id);
    let give = |body: Value| c.call("POST", &path, Auth::Cookie(&class.cookie), Some(body));
    let (status, answer) = give(json!({ "exercise": EXERCISE })).await;
    assert_eq!(status, 409, "{answer}");
    assert!(
        answer["error"]
            .as_str()
            .unwrap_or("")
            .contains("already has Measure PT and DT with a new patient each attempt"),
        "{answer}"
    );
    let (status, _) = give(json!({ "exercise": EXERCISE, "seed": 7 })).await;
    assert_eq!(status, 201);
    let (status, answer) = give(json!({ "exercise": EXERCISE, "seed": 7 })).await;
    assert_eq!(status, 409, "{answer}");
    // A seed a browser would round is refused, as the dashboard refuses it.
    let (status, answer) = give(json!({ "exercise": EXERCISE, "seed": 1_u64 << 53 })).await;
    assert_eq!(status, 400, "{answer}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_teacher_route_is_refused_without_a_login() {
    let s = TestServer::sqlite().await;
    let c = Client::of(s.addr);
    let class = server_support::class(&c, &s.running.store).await;
    let st = student(&c, &class, "Ana").await;
    let forged = "scs_session=0123456789abcdef".to_string();
    let student_cookie = format!("scs_session={}", st.token);
    for (method, path) in TEACHER_ROUTES {
        let path = path.replace(
            "{id}",
            if path.starts_with("/api/attempts") {
                &st.attempt
            } else {
                &class.class_id
            },
        );
        let body = match path.as_str() {
            "/api/classes" => Some(json!({ "name": "x" })),
            // Another patient rule than the class's assignment has (the same is refused).
            p if p.ends_with("/assignments") => Some(json!({ "exercise": EXERCISE, "seed": 1 })),
            p if p.ends_with("/demo") => Some(json!({ "exercise": EXERCISE })),
            _ => None,
        };
        for auth in [
            Auth::None,
            Auth::Cookie(&forged),
            Auth::Cookie(&student_cookie),
            Auth::Bearer(&st.token),
        ] {
            let (status, answer) = c.call(method, &path, auth, body.clone()).await;
            assert_eq!(status, 401, "{method} {path}: {answer}");
            assert_eq!(
                answer["error"], "log in as a teacher first",
                "{method} {path}"
            );
        }
        // With the login it is served (the guard is the login, not the route).
        let (status, answer) = c
            .call(method, &path, Auth::Cookie(&class.cookie), body.clone())
            .await;
        assert!(
            status < 300,
            "{method} {path} with a login: {status} {answer}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_student_touches_only_its_own_attempts() {
    let s = TestServer::sqlite().await;
    let c = Client::of(s.addr);
    let class = server_support::class(&c, &s.running.store).await;
    let ana = student(&c, &class, "Ana").await;
    let ben = student(&c, &class, "Ben").await;
    let (status, answer) = c
        .call(
            "GET",
            &format!("/api/student/attempts/{}", ana.attempt),
            Auth::Bearer(&ben.token),
            None,
        )
        .await;
    assert_eq!(status, 404);
    assert_eq!(answer["error"], "no such attempt of yours");
    let intruder = Student {
        token: ben.token.clone(),
        attempt: ana.attempt.clone(),
        seed: 0,
    };
    let (_, answer) = live(s.addr, &intruder).await;
    assert_eq!(answer["type"], "error");
    assert_eq!(answer["error"], "no such attempt of yours");
    // Another teacher sees nothing of this class.
    let other = server_support::class(&c, &s.running.store).await;
    let (status, _) = c
        .call(
            "GET",
            &format!("/api/classes/{}", class.class_id),
            Auth::Cookie(&other.cookie),
            None,
        )
        .await;
    assert_eq!(status, 404);
    let (status, _) = c
        .call(
            "GET",
            &format!("/api/attempts/{}", ana.attempt),
            Auth::Cookie(&other.cookie),
            None,
        )
        .await;
    assert_eq!(status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bodies_messages_and_rates_are_capped() {
    let s = TestServer::sqlite().await;
    let c = Client::of(s.addr);
    let class = server_support::class(&c, &s.running.store).await;
    let big = "x".repeat(300 * 1024);
    let (status, answer) = c
        .call(
            "POST",
            "/api/join",
            Auth::None,
            Some(json!({ "code": class.code, "name": big })),
        )
        .await;
    assert_eq!(status, 413, "{answer}");
    let (status, answer) = c.call("GET", "/api/nothing-here", Auth::None, None).await;
    assert_eq!(status, 404);
    assert!(answer["error"].is_string());
    let st = student(&c, &class, "Ana").await;
    let (mut ws, _) = live(s.addr, &st).await;
    // Messages past 20 a second (after a burst of 40) close the connection.
    let mut closed = false;
    for _ in 0..200 {
        send_text(&mut ws, "{}").await;
    }
    for _ in 0..200 {
        let answer = recv(&mut ws).await;
        if answer["error"] == "too many messages: at most 20 a second" {
            closed = recv(&mut ws).await.is_null();
            break;
        }
    }
    assert!(closed, "a flood is cut off");
    // A third live connection of one student is refused.
    let (_a, ra) = live(s.addr, &st).await;
    let (_b, rb) = live(s.addr, &st).await;
    let (_c, rc) = live(s.addr, &st).await;
    assert_eq!(ra["type"], "ready");
    assert_eq!(rb["type"], "ready");
    assert_eq!(rc["type"], "error", "{rc}");
}

/// An attempt whose time ran out is graded at the end of the exercise's time, with the
/// entries it had, the next time anyone looks (or by the sweeper).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_attempt_whose_time_ran_out_is_graded() {
    let s = TestServer::sqlite().await;
    let c = Client::of(s.addr);
    let class = server_support::class(&c, &s.running.store).await;
    let st = student(&c, &class, "Ana").await;
    let (_, mine) = c.mine(&st).await;
    // The same attempt as the server dealt it, but started long enough ago to be over.
    let mut row = stored_attempt(&s.running.store, &st.attempt).await;
    row.id = format!("{}-late", row.id);
    row.started_ms -= 3_600_000;
    row.deadline_ms = row.started_ms + 90_000;
    s.running.store.start_attempt(&row).await.expect("stored");
    let late = Student {
        token: st.token.clone(),
        attempt: row.id.clone(),
        seed: row.seed,
    };
    let (status, graded) = c.mine(&late).await;
    assert_eq!(status, 200, "{graded}");
    assert_eq!(graded["attempt"]["status"], "timed-out");
    assert_eq!(
        graded["attempt"]["end_t_s"], 600.0,
        "graded at the end of the exercise's time"
    );
    let window = Play::new(late.seed).grade(600.0);
    assert_eq!(
        graded["report"],
        serde_json::to_value(&window).expect("json")
    );
    // The one still within its time is not.
    assert_eq!(mine["attempt"]["status"], "live");
    let (ws_answer, ready) = live(s.addr, &late).await;
    drop(ws_answer);
    assert_eq!(ready["over"], true);
}

/// A database that fails refuses the next entry in one sentence and loses none already
/// acknowledged: a server on the same file resumes after them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_database_refuses_new_entries_and_keeps_the_acknowledged() {
    let s = TestServer::sqlite().await;
    let c = Client::of(s.addr);
    let class = server_support::class(&c, &s.running.store).await;
    let st = student(&c, &class, "Ana").await;
    let (_, entries) = played(&actions(0), st.seed);
    let (mut ws, _) = live(s.addr, &st).await;
    ack_all(&mut ws, &entries, 0..3).await;
    s.running.store.close().await;
    let answer = entry(&mut ws, 4, &entries[3]).await;
    assert_eq!(answer["type"], "refused", "{answer}");
    assert_eq!(
        answer["error"],
        "the class database could not store this; it was not acknowledged: send it again"
    );
    let db = s.dir.0.join("class.sqlite3").display().to_string();
    let again = TestServer::on(&db, TempDir::new("again")).await;
    let (mut ws, ready) = live(again.addr, &st).await;
    assert_eq!(ready["last_seq"], 3);
    ack_all(&mut ws, &entries, 3..entries.len()).await;
}

/// A next visit moves the attempt's clock on by its gap at once: the dose set three days
/// later is taken at once, a dose sent from the days at home is refused (the server's
/// replay refuses it as the window does), and the roster's clock shows the days passed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_next_visit_moves_the_attempt_on_by_days_and_no_further() {
    use scs_sim::implant::pump::PumpEdit;
    use scs_sim::session::command::AccessRequest;
    const DAY: f64 = 86_400.0;
    let s = TestServer::sqlite().await;
    let c = Client::of(s.addr);
    let mut class = server_support::class(&c, &s.running.store).await;
    let (status, a) = c
        .call(
            "POST",
            &format!("/api/classes/{}/assignments", class.class_id),
            Auth::Cookie(&class.cookie),
            Some(json!({ "exercise": "pump-ziconotide-titration" })),
        )
        .await;
    assert_eq!(status, 201, "{a}");
    class.assignment = a["id"].as_str().expect("id").to_string();
    let st = student(&c, &class, "Ana").await;
    let (mut ws, _) = live(s.addr, &st).await;
    let ex = scs_sim::training::exercise::find("pump-ziconotide-titration").expect("built in");
    let mut mine = ex.start_attempt(st.seed).expect("start");
    let dose = |mg| Command::Programmer(ProgrammerEdit::Pump(PumpEdit::SetDailyDose(mg)));
    mine.advance_to(5.0);
    let _ = mine.apply(dose(0.0024));
    mine.apply(AccessRequest::NextVisit { after_s: 3.0 * DAY })
        .expect("a visit");
    for (i, e) in mine.log.clone().iter().enumerate() {
        let answer = entry(&mut ws, i as i64 + 1, e).await;
        assert_eq!(answer["type"], "ack", "{answer}");
    }
    // From home: the client claims the server would take it; the server's replay refuses.
    let mut forged = mine.log[0].clone();
    forged.t_s = DAY;
    forged.command = dose(0.0036);
    let answer = entry(&mut ws, 3, &forged).await;
    assert_eq!(answer["type"], "refused", "{answer}");
    // At the visit, three days on, a few wall seconds after the start.
    mine.advance_to(mine.away_until_s + 5.0);
    let _ = mine.apply(dose(0.0036));
    let at_visit = mine.log.last().expect("logged").clone();
    assert_eq!(at_visit.refused, None);
    let answer = entry(&mut ws, 3, &at_visit).await;
    assert_eq!(answer["type"], "ack", "{answer}");
    let row = stored_attempt(&s.running.store, &st.attempt).await;
    assert_eq!(row.skipped_s, 3.0 * DAY);
    let clock = scs_sim::server::referee::clock_s(&row, row.started_ms + 1000);
    assert!((clock - (3.0 * DAY + 10.0)).abs() < 1e-6, "{clock}");
    // Its time runs out three days sooner on the wall clock, as the clock is ahead.
    let at_start = (ex.time_budget_s / ex.speed + 30.0) * 1000.0;
    let moved = (3.0 * DAY / ex.speed * 1000.0) as i64;
    assert_eq!(row.deadline_ms - row.started_ms, at_start as i64 - moved);
    // A visit that would end after the exercise's time is refused, and credits nothing.
    let mut beyond = at_visit.clone();
    beyond.command = AccessRequest::NextVisit {
        after_s: 14.0 * DAY,
    }
    .into();
    beyond.t_s = ex.time_budget_s - DAY;
    let answer = entry(&mut ws, 4, &beyond).await;
    assert_eq!(answer["type"], "refused", "{answer}");
    assert!(
        answer["error"].as_str().unwrap().contains("time is up"),
        "{answer}"
    );
    let row = stored_attempt(&s.running.store, &st.attempt).await;
    assert_eq!(row.skipped_s, 3.0 * DAY);
}
