//! Physiology speed: one hour of patient time, and a 100 × 100 relief map of steady states.

use criterion::{Criterion, criterion_group, criterion_main};
use scs_sim::patient::activation::Activation;
use scs_sim::patient::library;
use scs_sim::patient::{gate::SlowGate, pain, respond};
use scs_sim::session::{Command, Role, Session, body};
use std::hint::black_box;

fn session() -> Session {
    let (p, d) = library::default_patient();
    let mut s = Session::new(p, d, Role::Clinician, 1);
    s.apply(Command::TherapyOn).unwrap();
    s.apply(Command::SetAmplitude(8.0)).unwrap();
    s
}

/// Relief over amplitude (0.1–10 mA) × pulse width (60–1000 µs), 100 × 100 points.
fn relief_map(s: &Session) -> f64 {
    let mut total = 0.0;
    let electrodes = s.device.usable_electrodes().unwrap();
    let b = body(&s.patient, &s.device);
    for j in 0..100 {
        let mut settings = s.device.program().settings;
        settings.pulse_width_us = 60.0 + 940.0 * j as f64 / 99.0;
        let act = Activation::new(&b, &electrodes, &settings);
        for i in 0..100 {
            let ma = 0.1 + 9.9 * i as f64 / 99.0;
            let r = respond(&s.patient, &act, &settings, ma, None);
            total += pain(&s.patient, &SlowGate { state: r.targets }, 0.0).relief_percent;
        }
    }
    total
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
        b.iter(|| relief_map(black_box(&base)))
    });
    group.finish();
}

criterion_group!(benches, physiology);
criterion_main!(benches);
