//! The class server on PostgreSQL (`SCS_SIM_TEST_POSTGRES=postgres://…`; `.ci/run` starts
//! Debian's PostgreSQL and sets it): the whole class flow, and two server processes on one
//! database, a student's connection dropping from one and resuming on the other.

mod server_support;

use server_support::*;

/// The URL, or `None` to skip on a machine without PostgreSQL (never in CI).
fn url() -> Option<String> {
    let url = postgres_url();
    if url.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI must set SCS_SIM_TEST_POSTGRES (.ci/run starts PostgreSQL)"
        );
        eprintln!("SCS_SIM_TEST_POSTGRES is not set: the PostgreSQL tests are skipped");
    }
    url
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_class_is_played_live_on_postgres() {
    let Some(url) = url() else { return };
    let s = TestServer::on(&url, TempDir::new("pg")).await;
    class_flow(s.addr, &s.running.store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_student_resumes_on_another_server_process() {
    let Some(url) = url() else { return };
    let name = format!("pg-{}", rand::random::<u32>());
    add_teacher_cli(&url, &name);
    let one = serve_process(&url);
    let two = serve_process(&url);
    let c = Client::of(one.addr);
    let class = class_of(&c, &name).await;
    let st = student(&c, &class, "Ana").await;
    let acts = actions(1);
    let (mut play, entries) = played(&acts, st.seed);
    let (mut ws, _) = live(one.addr, &st).await;
    ack_all(&mut ws, &entries, 0..7).await;
    drop(ws);
    let (mut ws, ready) = live(two.addr, &st).await;
    assert_eq!(
        ready["last_seq"], 7,
        "the other process reads where the attempt stands"
    );
    ack_all(&mut ws, &entries, 7..entries.len()).await;
    let graded = finish(&mut ws, 18.0).await;
    assert_eq!(
        graded["report"],
        serde_json::to_value(play.grade(18.0)).expect("json")
    );
    // The first process sees the grade the second stored.
    let (_, mine) = Client::of(one.addr).mine(&st).await;
    assert_eq!(mine["attempt"]["status"], "finished");
    assert_eq!(mine["attempt"]["score"], graded["score"]);
}
