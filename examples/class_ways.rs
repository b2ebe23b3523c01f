//! The entries a trainee's window would stream for one attempt of a built-in exercise, played
//! one of three ways on the attempt's own patient: `expert` (the plan the debrief advises),
//! `wrong` (a quick ramp, the thresholds marked at the wrong places) or
//! `nothing`. Each entry carries the outcome the window's session gave it, as the live
//! record wants. tests/web/dashboard_test.py types and clicks the expert's and the wrong
//! way's programmer commands on a student's own page.
//!
//!     cargo run --example class_ways -- thresholds SEED expert

use scs_sim::session::command::Threshold;
use scs_sim::session::{Command, ProgrammerEdit, Role};
use scs_sim::training::exercise::find;
use scs_sim::training::expert;
use serde_json::json;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [exercise, seed, way] = args.as_slice() else {
        return Err("usage: class_ways EXERCISE SEED expert|wrong|nothing".into());
    };
    let exercise = find(exercise)?;
    let seed: u64 = seed.parse()?;
    // The server's deal: the attempt's own fair variant.
    let mut session = exercise.start_attempt(exercise.attempt_seed(seed))?;
    let (commands, finish_s): (Vec<(f64, Command)>, f64) = match way.as_str() {
        "expert" => {
            let plan = expert::plan(&exercise, &session);
            let commands = plan
                .commands()
                .map(|c| (c.t_s, c.command.clone()))
                .collect();
            (commands, plan.finish_s)
        }
        "wrong" => {
            // A quick ramp that marks the perception threshold far too early and the
            // discomfort threshold without asking, then settles: tidy, but wrong.
            let amp = |ma| Command::Programmer(ProgrammerEdit::SetAmplitude(ma));
            let mark = |t| Command::Programmer(ProgrammerEdit::MarkThreshold(t));
            let commands = vec![
                (20.0, amp(1.0)),
                (22.0, mark(Threshold::Perception)),
                (24.0, amp(2.0)),
                (26.0, amp(3.0)),
                (28.0, mark(Threshold::Discomfort)),
                (30.0, amp(2.0)),
            ];
            (commands, 60.0)
        }
        "nothing" => (Vec::new(), 10.0),
        other => return Err(format!("no way called '{other}': expert, wrong or nothing").into()),
    };
    let mut entries = Vec::new();
    for (t_s, command) in commands {
        session.advance_to(t_s);
        let outcome = session.apply_as(Role::Clinician, command.clone()).err();
        entries.push(json!({
            "t_s": t_s, "sender": Role::Clinician, "command": command, "outcome": outcome,
        }));
    }
    println!("{}", json!({ "entries": entries, "finish_s": finish_s }));
    Ok(())
}
