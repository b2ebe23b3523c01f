//! Physiology speed: one hour of patient time (open loop, and closed loop updating on
//! every pulse at 50 Hz), and a 100 × 100 relief map of steady states.
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use scs_sim::device::closed_loop::LoopSettings;
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

/// The default patient at 4.9 mA in closed loop: target the ECAP there, a smooth gain,
/// an update on every pulse.
fn closed_loop_session() -> Session {
    let mut s = session();
    s.apply(ProgrammerEdit::SetAmplitude(4.9)).unwrap();
    let ecap = s.stimulator().unwrap().ecap(&s.patient).unwrap();
    let settings = LoopSettings {
        target_uv: ecap.amplitude_uv(4.9, 0.0),
        gain_ma_per_uv: 0.5 / ecap.slope_uv_per_ma(4.9, 0.0),
        update_hz: 50.0,
        min_ma: 0.0,
        max_ma: 10.0,
    };
    s.apply(ProgrammerEdit::SetClosedLoop(Some(settings)))
        .unwrap();
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
    let looped = closed_loop_session();
    group.bench_function("one hour in closed loop (50 Hz, every pulse)", |b| {
        b.iter(|| {
            let mut s = looped.clone();
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
