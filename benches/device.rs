//! Pulse-train synthesis speed: one second of tonic and of 10 kHz at 100 kHz sampling.
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use scs_sim::device::program::{Settings, Waveform};
use scs_sim::device::waveform::synthesize;
use std::hint::black_box;

fn trains(c: &mut Criterion) {
    let tonic = Settings {
        amplitude_ma: 5.0,
        pulse_width_us: 300.0,
        rate_hz: 50.0,
        ..Settings::default()
    };
    let hf = Settings {
        amplitude_ma: 3.0,
        ..Waveform::HighFrequency.defaults()
    };
    let burst = Settings {
        amplitude_ma: 1.5,
        ..Waveform::Burst.defaults()
    };
    c.bench_function("tonic 50 Hz, 1 s at 100 kHz", |b| {
        b.iter(|| synthesize(black_box(&tonic), 0.0, 1.0, 100_000.0))
    });
    c.bench_function("10 kHz, 1 s at 100 kHz", |b| {
        b.iter(|| synthesize(black_box(&hf), 0.0, 1.0, 100_000.0))
    });
    c.bench_function("burst 40 Hz, 1 s at 100 kHz", |b| {
        b.iter(|| synthesize(black_box(&burst), 0.0, 1.0, 100_000.0))
    });
}

criterion_group!(benches, trains);
criterion_main!(benches);
