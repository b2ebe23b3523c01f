//! Peripheral nerve stimulation speed: an eval costs no more than a spinal one, and a
//! 100 × 100 relief map over amplitude × distance from the nerve stays under 5 ms.
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use scs_sim::library;
use scs_sim::session::{ProgrammerEdit, RemoteKey, Role, Session};
use std::hint::black_box;

fn session(id: &str, ma: f64) -> Session {
    let (p, d) = library::find(id).unwrap();
    let mut s = Session::new(p, d, Role::Clinician, 1);
    s.apply(RemoteKey::TherapyOn).unwrap();
    s.apply(ProgrammerEdit::SetAmplitude(ma)).unwrap();
    s
}

fn pns(c: &mut Criterion) {
    let scs = session("fbss", 8.0);
    let pns = session("phantom-limb", 5.5);
    let mut group = c.benchmark_group("pns");
    group.sample_size(20);
    for (name, s) in [("scs", &scs), ("pns", &pns)] {
        group.bench_function(format!("eval {name}: thresholds and steady state"), |b| {
            b.iter(|| {
                // What `scs-sim eval` does after loading: apply a setting, report.
                let mut s = black_box(s).clone();
                s.apply(ProgrammerEdit::SetPulseWidth(210.0)).unwrap();
                s.report()
            })
        });
    }
    group.bench_function("relief map 100 x 100 (amplitude x distance)", |b| {
        let stim = pns.stimulator().expect("a stimulator");
        b.iter(|| black_box(stim).nerve_relief_map(&pns.patient, 100, 100, 10.0, 30.0))
    });
    group.finish();
}

criterion_group!(benches, pns);
criterion_main!(benches);
