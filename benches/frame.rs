//! CPU time of one frame of the whole window (all panels open, time running at 10×),
//! driven headlessly: egui layout, our drawing and tessellation, no GPU.
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use egui_kittest::Harness;
use scs_sim::session::{AccessRequest, ProgrammerEdit, RemoteKey};
use scs_sim::ui::App;
use scs_sim::ui::prefs::{Prefs, Speed};

fn frame(c: &mut Criterion) {
    let mut h = Harness::builder()
        .with_size([1600.0, 1000.0])
        .with_step_dt(1.0 / 60.0)
        .build_eframe(|_cc| {
            App::new(
                Prefs {
                    speed: Speed::X10,
                    ..Prefs::default()
                },
                None,
            )
        });
    {
        let s = h.state_mut().session_mut();
        s.apply(RemoteKey::TherapyOn).unwrap();
        s.apply(AccessRequest::EnterClinician {
            pin: scs_sim::clinician::DEFAULT_PIN.into(),
        })
        .unwrap();
        s.apply(ProgrammerEdit::SetAmplitude(7.0)).unwrap();
    }
    for _ in 0..120 {
        h.step();
    }
    let mut group = c.benchmark_group("gui");
    group.sample_size(50);
    group.bench_function("one frame, all panels, running at 10x", |b| {
        b.iter(|| h.step())
    });
    group.finish();
}

/// A chart as the presenter draws it at 1920 × 1080 and as it is saved (PNG, SVG): the
/// relief map's 40 × 30 cells with its labels, the heaviest of the charts.
fn chart(c: &mut Criterion) {
    use scs_sim::ui::chart::{Body, Chart, Heat, render};
    let (na, np) = (40, 30);
    let heat = Heat {
        xs: (0..na).map(|i| f64::from(i) * 0.2).collect(),
        ys: (0..np).map(|j| 60.0 + f64::from(j) * 30.0).collect(),
        values: (0..na * np).map(|k| f64::from(k % 71)).collect(),
        top: 70.0,
        scale_label: "relief %".into(),
        ticks: (0..np as usize).map(|j| (4.0, j)).collect(),
        ring: Some((3.0, 300.0)),
        palette: (0..=64u8).map(|k| (k * 3, 100, 255 - k * 3)).collect(),
    };
    let chart = Chart {
        title: "Relief map".into(),
        x_label: "amplitude (mA)".into(),
        y_label: "pulse width (µs)".into(),
        body: Body::Heat(heat),
    };
    let mut group = c.benchmark_group("chart");
    group.sample_size(20);
    group.bench_function("relief map presented at 1920x1080", |b| {
        b.iter(|| render::pixels(&chart, (1920, 1080)).unwrap())
    });
    group.bench_function("relief map saved as PNG", |b| {
        b.iter(|| render::png(&chart, render::SAVED).unwrap())
    });
    group.bench_function("relief map saved as SVG", |b| {
        b.iter(|| render::svg(&chart, render::SAVED).unwrap())
    });
    group.finish();
}

criterion_group!(benches, frame, chart);
criterion_main!(benches);
