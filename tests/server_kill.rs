//! `kill -9` of a real `scs-sim serve` process while a student streams: restarted on the
//! same database, every acknowledged entry is there, the client resumes, and the grade is
//! the window's for the same actions, as if nothing had happened.

mod server_support;

use server_support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nothing_acknowledged_is_lost_to_kill_9() {
    let dir = TempDir::new("kill");
    let db = dir.0.join("class.sqlite3").display().to_string();
    add_teacher_cli(&db, "kim");
    let mut first = serve_process(&db);
    let c = Client::of(first.addr);
    let class = class_of(&c, "kim").await;
    let st = student(&c, &class, "Ana").await;
    let acts = actions(0);
    let (mut play, entries) = played(&acts, st.seed);

    let (mut ws, _) = live(first.addr, &st).await;
    ack_all(&mut ws, &entries, 0..6).await;
    // Three more in flight, then the server dies without a word.
    for (i, e) in entries.iter().enumerate().skip(6).take(3) {
        send(&mut ws, wire(i as i64 + 1, e)).await;
    }
    // Whatever acknowledgements arrive in the next few milliseconds count as acknowledged.
    let mut acked = 6;
    while let Ok(answer) =
        tokio::time::timeout(std::time::Duration::from_millis(3), recv(&mut ws)).await
        && answer["type"] == "ack"
    {
        acked = answer["seq"].as_i64().expect("seq");
    }
    first.child.kill().expect("kill -9");
    first.child.wait().expect("dead");
    drop(ws);

    let second = serve_process(&db);
    let c = Client::of(second.addr);
    let (mut ws, ready) = live(second.addr, &st).await;
    assert_eq!(ready["type"], "ready", "{ready}");
    let last = ready["last_seq"].as_i64().expect("last_seq");
    assert!(
        last >= acked,
        "every acknowledged entry is there ({last} stored, {acked} acknowledged)"
    );
    let (_, stored) = c.mine(&st).await;
    let stored = stored["entries"].as_array().expect("entries").clone();
    assert_eq!(stored.len() as i64, last);
    for (s, e) in stored.iter().zip(&entries) {
        assert_eq!(
            s["command"],
            serde_json::to_value(&e.command).expect("json")
        );
        assert_eq!(s["t_s"], e.t_s);
    }
    ack_all(&mut ws, &entries, last as usize..entries.len()).await;
    let graded = finish(&mut ws, 18.0).await;
    let window = play.grade(18.0);
    assert_eq!(graded["score"], window.score);
    assert_eq!(
        graded["report"],
        serde_json::to_value(&window).expect("json")
    );
}
