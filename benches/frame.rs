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

criterion_group!(benches, frame);
criterion_main!(benches);
