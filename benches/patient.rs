//! Physiology speed: one hour of patient time, and a 100 × 100 relief map of steady states.
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use scs_sim::library;
use scs_sim::session::{ProgrammerEdit, RemoteKey, Role, Session};
use std::hint::black_box;

fn session() -> Session {
    let (p, d) = library::default_patient();
    let mut s = Session::new(p, d, Role::Clinician, 1);
    s.apply(RemoteKey::TherapyOn).unwrap();
    s.apply(ProgrammerEdit::SetAmplitude(8.0)).unwrap();
    s
}

fn physiology(c: &mut Criterion) {
    let base = session();
    let mut group = c.benchmark_group("patient");
    group.sample_size(20);
    group.bench_function("one hour of patient time (1 s steps)", |b| {
        b.iter(|| {
            let mut s = base.clone();
            s.step(black_box(3600.0));
            s.view().pain.vas
        })
    });
    group.bench_function("relief map 100 x 100 (amplitude x pulse width)", |b| {
        let stim = base.stimulator().expect("a stimulator");
        b.iter(|| black_box(stim).relief_map(&base.patient, 100, 100, 10.0))
    });
    group.finish();
}

criterion_group!(benches, physiology);
criterion_main!(benches);
