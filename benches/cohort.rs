//! Virtual-cohort speed: 1,000 trial patients programmed for tonic, burst and 10 kHz.
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use scs_sim::training::assistant::Therapy;
use scs_sim::training::cohort;
use std::hint::black_box;

fn cohorts(c: &mut Criterion) {
    let mut group = c.benchmark_group("cohort");
    group.sample_size(10);
    group.bench_function("1000 patients x 3 therapies", |b| {
        b.iter(|| cohort::run(black_box(1000), 1, &Therapy::ALL))
    });
    group.finish();
}

criterion_group!(benches, cohorts);
criterion_main!(benches);
