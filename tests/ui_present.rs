//! Presenting in class: the window at projector sizes and zooms, presenter mode, replay
//! with play and a scrubber, A/B comparison, files through a dialog (or a typed path), and
//! what a frame costs to rasterize in software.
#![cfg(feature = "gui")]
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use scs_sim::session::RemoteKey;
use scs_sim::ui::App;
use scs_sim::ui::prefs::Prefs;
use scs_sim::ui::presenter::Presenting;
use std::time::Instant;

mod common;

/// The app with `prefs` in a window of `size`, time paused.
fn harness(prefs: Prefs, size: [f32; 2]) -> Harness<'static, App> {
    common::sized_app(prefs, size, None)
}

/// CPU time of this process (all threads, the rasterizer's included), s.
fn cpu_s() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap();
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let f: Vec<f64> = after.split(' ').map(|x| x.parse().unwrap_or(0.0)).collect();
    (f[11] + f[12]) / 100.0
}

/// Draw calls, triangles, and the area they cover (in window areas) of the last frame.
fn census(h: &Harness<'_, App>) -> String {
    let out = h.output();
    let prims = h.ctx.tessellate(out.shapes.clone(), out.pixels_per_point);
    let (mut tris, mut area, mut big) = (0usize, 0f64, 0usize);
    for p in &prims {
        if let egui::epaint::Primitive::Mesh(m) = &p.primitive {
            for t in m.indices.chunks(3) {
                let [a, b, c] = [t[0], t[1], t[2]].map(|i| m.vertices[i as usize].pos);
                let a2 = ((b - a).x * (c - a).y - (b - a).y * (c - a).x).abs() as f64 / 2.0;
                area += a2;
                tris += 1;
                if a2 > 10_000.0 {
                    big += 1;
                }
            }
        }
    }
    format!(
        "{} draw calls, {tris} triangles ({big} large), {:.2} window areas",
        prims.len(),
        area / (1280.0 * 720.0)
    )
}

/// What one frame costs the software rasterizer (lavapipe here), per part of the window:
/// run with `cargo test --release --test ui_present render_cost -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement, not a check"]
fn render_cost() {
    let all = Prefs::default();
    let cases = [
        ("all panels", all.clone()),
        (
            "no plots",
            Prefs {
                show_plots: false,
                ..all.clone()
            },
        ),
        (
            "no inside",
            Prefs {
                show_inside: false,
                ..all.clone()
            },
        ),
        (
            "neither",
            Prefs {
                show_inside: false,
                show_plots: false,
                ..all.clone()
            },
        ),
        (
            "projector theme",
            Prefs {
                light: true,
                ..all.clone()
            },
        ),
    ];
    let mut empty = Harness::builder()
        .with_size([1280.0, 720.0])
        .wgpu()
        .build_ui(|ui| {
            ui.label("Nothing");
        });
    empty.run_steps(2);
    let _ = empty.render().unwrap();
    let started = Instant::now();
    for _ in 0..5 {
        empty.step();
        let _ = empty.render().unwrap();
    }
    println!(
        "an empty window: {:.1} ms a frame rendered",
        started.elapsed().as_secs_f64() * 1e3 / 5.0
    );
    for (name, prefs) in cases {
        let mut h = harness(prefs, [1280.0, 720.0]);
        {
            let s = h.state_mut().session_mut();
            s.apply(RemoteKey::TherapyOn).unwrap();
            for _ in 0..20 {
                let _ = s.apply(RemoteKey::AmplitudeUp);
            }
        }
        h.state_mut().set_clear_behind_panels(true);
        h.run_steps(3);
        let _ = h.render().unwrap();
        let (mut step, mut render) = (0.0, 0.0);
        for _ in 0..10 {
            let started = cpu_s();
            h.step();
            step += cpu_s() - started;
            let started = cpu_s();
            let _ = h.render().unwrap();
            render += cpu_s() - started;
        }
        println!(
            "{name}: {:.1} ms egui, {:.1} ms CPU rendering; {}",
            step * 1e3 / 10.0,
            render * 1e3 / 10.0,
            census(&h)
        );
    }
}

/// The window at `size` and `zoom`, stimulating, after a few frames.
fn window_at(size: [f32; 2], zoom: f32) -> Harness<'static, App> {
    let mut h = harness(
        Prefs {
            zoom,
            ..Prefs::default()
        },
        size,
    );
    {
        let s = h.state_mut().session_mut();
        s.apply(RemoteKey::TherapyOn).unwrap();
        for _ in 0..20 {
            let _ = s.apply(RemoteKey::AmplitudeUp);
        }
    }
    h.run_steps(4);
    h
}

/// Every toolbar item on one line: the clock, "More" and Help lie inside the window and
/// on the same row as the patient menu (`width` in points).
fn toolbar_fits(h: &Harness<'_, App>, width: f32) {
    let more = h.get_by_label("More").rect();
    let help = h.get_by_label("Help").rect();
    let patient = h.get_by_label("Patient").rect();
    assert!(help.max.x <= width + 0.5, "Help at {help:?} in {width}");
    assert!(
        (more.center().y - patient.center().y).abs() < 4.0,
        "{more:?} {patient:?}"
    );
    assert!(
        (help.center().y - patient.center().y).abs() < 4.0,
        "{help:?} {patient:?}"
    );
}

#[test]
fn at_1024x768_and_150_percent_the_toolbar_is_one_line() {
    let mut h = window_at([1024.0, 768.0], 1.5);
    toolbar_fits(&h, 1024.0 / 1.5);
    h.snapshot("window_1024x768_zoom150");
}

#[test]
fn at_1280x720_and_150_percent_the_toolbar_is_one_line() {
    let mut h = window_at([1280.0, 720.0], 1.5);
    toolbar_fits(&h, 1280.0 / 1.5);
    h.snapshot("window_1280x720_zoom150");
}

#[test]
fn at_1920x1080_and_200_percent_the_toolbar_is_one_line() {
    let h = window_at([1920.0, 1080.0], 2.0);
    toolbar_fits(&h, 1920.0 / 2.0);
}

#[test]
fn f5_presents_each_panel_full_window_and_esc_returns() {
    let mut h = window_at([1280.0, 720.0], 1.0);
    h.key_press(egui::Key::F5);
    h.run_steps(3);
    assert_eq!(h.state().presenting(), Some(Presenting::Remote));
    h.get_by_label("Increase amplitude");
    h.get_by_label("Presenting: Remote");
    h.snapshot("presenter_remote_1280x720");
    for next in [Presenting::Patient, Presenting::Inside, Presenting::Plots] {
        h.key_press(egui::Key::F5);
        h.run_steps(3);
        assert_eq!(h.state().presenting(), Some(next));
        if next == Presenting::Inside {
            // The cross-section large on the left, the side view and the gate beside it.
            h.get_by_label("Gate region");
            h.snapshot("presenter_inside_1280x720");
        }
    }
    h.snapshot("presenter_plots_1280x720");
    h.key_press(egui::Key::Escape);
    h.run_steps(3);
    assert_eq!(h.state().presenting(), None);
    h.get_by_label("More");
}

#[test]
fn the_projector_theme_shows_the_teach_password_boxes_and_larger_text() {
    let mut h = harness(
        Prefs {
            light: true,
            ..Prefs::default()
        },
        [1280.0, 720.0],
    );
    h.run_steps(2);
    h.get_by_label("Teach").click();
    h.run_steps(3);
    h.snapshot("projector_teach_login_1280x720");
}

#[test]
fn presenter_mode_at_rest_draws_no_frames() {
    for (size, zoom) in [([1280.0, 720.0], 1.0), ([1024.0, 768.0], 1.5)] {
        let mut h = window_at(size, zoom);
        for panel in Presenting::ALL {
            h.key_press(egui::Key::F5);
            h.run_steps(3);
            assert_eq!(h.state().presenting(), Some(panel));
            assert!(
                h.try_run().is_ok(),
                "presenting {panel:?} at {size:?} settles"
            );
            assert!(
                common::repaint_delay(&h) > std::time::Duration::from_secs(3600),
                "presenting {panel:?} at {size:?}: a repaint asked for while paused"
            );
        }
    }
}

/// Presented panels fill the screen: at 1280 × 720 and 1024 × 768, a control or label of
/// each panel is drawn at least 1.6 times as tall presented as in the whole window (its
/// text with it), for a spinal cord stimulator and a drug pump.
#[test]
fn presented_panels_are_at_least_1_6_times_their_size_in_the_window() {
    let cases = [
        (
            "fbss",
            [
                (Presenting::Remote, "Increase amplitude"),
                (Presenting::Patient, "History"),
                (Presenting::Inside, "Side view: cord, CSF and leads"),
                (Presenting::Plots, "100 ms"),
            ],
        ),
        (
            "pump-hydromorphone",
            [
                (Presenting::Remote, "Give extra dose"),
                (Presenting::Patient, "Clock"),
                (Presenting::Inside, "Inside: the drug in the spinal fluid"),
                (Presenting::Plots, "Pain over simulated time"),
            ],
        ),
    ];
    for size in [[1280.0, 720.0], [1024.0, 768.0]] {
        for (id, panels) in cases {
            let prefs = Prefs {
                patient: id.to_string(),
                ..Prefs::default()
            };
            let mut h = harness(prefs, size);
            h.run_steps(3);
            let mut whole = Vec::new();
            for (_, label) in panels {
                whole.push(h.get_by_label(label).rect().height());
            }
            for ((panel, label), before) in panels.into_iter().zip(whole) {
                h.state_mut().set_presenting(Some(panel));
                h.run_steps(4);
                let ppp = h.ctx.zoom_factor();
                let after = h.get_by_label(label).rect().height() * ppp;
                assert!(
                    after >= 1.6 * before,
                    "{id} at {size:?}, {panel:?}: \"{label}\" {before} tall in the window, \
                     {after} presented"
                );
            }
        }
    }
}

/// Reviewed pictures at 1024 × 768: presenter mode, each panel.
#[test]
fn presenter_mode_at_1024x768_snapshots() {
    let mut h = window_at([1024.0, 768.0], 1.0);
    for panel in Presenting::ALL {
        h.state_mut().set_presenting(Some(panel));
        h.run_steps(4);
        h.snapshot(format!(
            "presenter_{}_1024x768",
            panel.name().to_lowercase()
        ));
    }
}

/// Reviewed pictures at 1024 × 768 with the projector theme: the patient's view, the
/// clinician's, the teacher's and a trainee's in a blind exercise.
#[test]
fn each_role_at_1024x768_with_the_projector_theme_snapshots() {
    let mut h = harness(
        Prefs {
            light: true,
            ..Prefs::default()
        },
        [1024.0, 768.0],
    );
    h.run_steps(3);
    h.snapshot("projector_1024x768_patient");
    common::log_in_clinician(&mut h);
    h.run_steps(2);
    h.snapshot("projector_1024x768_clinician");
    common::teach(&mut h);
    h.run_steps(2);
    h.snapshot("projector_1024x768_teach");
    h.state_mut().open_link(None, Some("leg-coverage"));
    h.run_steps(3);
    assert!(h.state().blind());
    h.snapshot("projector_1024x768_exercise");
}

/// Presenting the inside view, the gate is whole on screen without scrolling (its
/// projection neuron at the bottom included), at 1280 × 720 and 1024 × 768.
#[test]
fn presented_inside_shows_the_gate_whole() {
    for size in [[1280.0, 720.0], [1024.0, 768.0]] {
        let mut h = window_at(size, 1.0);
        h.state_mut().set_presenting(Some(Presenting::Inside));
        h.run_steps(4);
        let window = h.ctx.content_rect();
        let gate = h.get_by_label("Gate diagram").rect();
        assert!(
            window.contains_rect(gate),
            "{size:?}: the gate at {gate:?} in {window:?}"
        );
    }
}
