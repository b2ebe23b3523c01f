//! The window under test: 1600 × 1000, drawn on the CPU, time paused unless a test runs it.

use egui_kittest::Harness;
use scs_sim::ui::App;
use scs_sim::ui::prefs::{Prefs, Speed};
use std::path::PathBuf;

/// The app with these preferences (time paused) and an optional autosave file.
pub fn app_harness_with(prefs: Prefs, autosave: Option<PathBuf>) -> Harness<'static, App> {
    Harness::builder()
        .with_size([1600.0, 1000.0])
        .wgpu()
        .build_eframe(move |_cc| {
            App::new(
                Prefs {
                    speed: Speed::Paused,
                    ..prefs
                },
                autosave,
            )
        })
}

/// The app with default preferences, time paused.
pub fn harness() -> Harness<'static, App> {
    app_harness_with(Prefs::default(), None)
}
