//! Drug pump speed: 90 simulated days of a pump patient with boluses (three a day) must
//! take well under a second, so the window can run pump sessions at days per second.
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use scs_sim::implant::pump::PumpKey;
use scs_sim::library;
use scs_sim::session::{RemoteKey, Role, Session};
use std::hint::black_box;

fn ninety_days(start: &Session) -> f64 {
    let mut s = start.clone();
    for day in 0..90 {
        for h in [9.0, 15.0, 21.0] {
            s.advance_to((day as f64 * 24.0 + h) * 3600.0);
            let _ = s.apply_as(Role::Patient, RemoteKey::Pump(PumpKey::Bolus));
        }
    }
    s.advance_to(90.0 * 86_400.0);
    s.implant().pump().unwrap().pump.record_ml
}

fn pump(c: &mut Criterion) {
    let (p, i) = library::open("pump-cancer-morphine").unwrap();
    let start = Session::hosting(p, i, Role::Patient, 1);
    let mut group = c.benchmark_group("pump");
    group.sample_size(10);
    group.bench_function("90 days with 3 boluses a day", |b| {
        b.iter(|| ninety_days(black_box(&start)))
    });
    group.finish();
}

criterion_group!(benches, pump);
criterion_main!(benches);
