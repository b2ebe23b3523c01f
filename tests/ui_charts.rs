//! Charts for the room and for slides, driven by accessible labels: the relief map, the
//! cohort, the A/B comparison, the pulse train and the pain plot can each be presented
//! full-window (the picture fills the window, drawn from the chart the window shows, and
//! Esc brings the whole window back); saving them is in `ui_chart_files.rs` (it moves the
//! working folder, which snapshots need).
#![cfg(feature = "gui")]
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use scs_sim::session::RemoteKey;
use scs_sim::ui::App;
use scs_sim::ui::chart::Body;
use scs_sim::ui::prefs::Prefs;

mod common;
use common::{sized_app, teach, until};

/// The app in a window of `size` with therapy on, the teacher's controls open.
fn teacher(size: [f32; 2]) -> Harness<'static, App> {
    let mut h = sized_app(Prefs::default(), size, None);
    h.state_mut()
        .session_mut()
        .apply(RemoteKey::TherapyOn)
        .unwrap();
    teach(&mut h);
    h
}

/// The presented picture's width and height as shares of the window's.
fn picture_share(h: &Harness<'_, App>, title: &str, size: [f32; 2]) -> (f32, f32) {
    let node = h.get_by_label(title);
    let r = node.accesskit_node().raw_bounds().unwrap();
    (
        (r.x1 - r.x0) as f32 / size[0],
        (r.y1 - r.y0) as f32 / size[1],
    )
}

/// Presses *Present chart* (the `nth` on screen), checks the chart fills the window and
/// Esc returns; the chart's title.
fn present_and_return(h: &mut Harness<'_, App>, nth: usize, size: [f32; 2]) -> String {
    h.get_all_by_label("Present chart")
        .nth(nth)
        .unwrap()
        .click();
    h.run_steps(3);
    let Some(chart) = h.state().presented_chart() else {
        let buttons: Vec<_> = h
            .get_all_by_label("Present chart")
            .map(|n| n.accesskit_node().raw_bounds())
            .collect();
        panic!("Present chart {nth} of {buttons:?} presented nothing");
    };
    let title = chart.title.clone();
    let (w, ht) = picture_share(h, &title, size);
    assert!(w > 0.95 && ht > 0.85, "{title}: {w} × {ht} of the window");
    assert!(
        h.query_by_label("Compute relief map").is_none(),
        "the rest of the window is hidden"
    );
    h.key_press(egui::Key::Escape);
    h.run_steps(3);
    assert!(h.state().presented_chart().is_none(), "Esc returns");
    assert!(h.query_by_label("Compute relief map").is_some());
    title
}

#[test]
fn the_relief_map_cohort_and_ab_are_presented_full_window_from_what_is_shown() {
    // Room for the teacher's tools without scrolling (the harness cannot scroll them).
    let size = [1920.0, 1080.0];
    let mut h = teacher(size);
    // The cohort first: the charts above it would push it off the panel.
    h.state_mut().set_cohort_patients(100);
    h.get_by_label("Run cohort").click();
    until(&mut h, "the cohort", |a| a.cohort().is_some());
    let title = present_and_return(&mut h, 0, size);
    assert!(title.starts_with("Virtual cohort: 100 patients"), "{title}");

    h.get_by_label("Compute relief map").click();
    h.run_steps(2);
    assert_eq!(present_and_return(&mut h, 0, size), "Relief map");
    // The chart is the map the window shows.
    h.get_all_by_label("Present chart").next().unwrap().click();
    h.run_steps(2);
    let map = h.state().relief_map().cloned().unwrap();
    match &h.state().presented_chart().unwrap().body {
        Body::Heat(heat) => {
            assert_eq!(heat.values, map.relief);
            assert_eq!(heat.xs, map.amplitudes);
        }
        other => panic!("{other:?}"),
    }
    h.snapshot("chart_presented_relief_map");
    h.get_by_label("Whole window (Esc)").click();
    h.run_steps(2);

    h.get_by_label("Compare A/B").click();
    h.run_steps(2);
    // The comparison's buttons come first (it is above the map).
    assert_eq!(
        present_and_return(&mut h, 0, size),
        "Two programs side by side"
    );
}

#[test]
fn the_pulse_train_and_pain_plot_are_presented_from_their_chart_menus() {
    let size = [1920.0, 1080.0];
    let mut h = sized_app(Prefs::default(), size, None);
    let s = h.state_mut().session_mut();
    s.apply(RemoteKey::TherapyOn).unwrap();
    // A course to chart.
    s.step(120.0);
    h.run_steps(2);
    let menus = h.get_all_by_label("Chart").count();
    assert_eq!(menus, 2, "one menu on each plot");
    for (nth, expected) in [(0, "Pulse train: "), (1, "Pain over simulated time")] {
        h.get_all_by_label("Chart").nth(nth).unwrap().click();
        h.run_steps(2);
        h.get_by_label("Present chart").click();
        h.run_steps(3);
        let chart = h.state().presented_chart().expect("presented").clone();
        assert!(chart.title.starts_with(expected), "{}", chart.title);
        let (w, ht) = picture_share(&h, &chart.title, size);
        assert!(w > 0.95 && ht > 0.85, "{w} × {ht}");
        if let Body::Lines { traces, .. } = &chart.body {
            assert!(traces.iter().all(|t| t.points.len() > 1), "{traces:?}");
        }
        h.key_press(egui::Key::Escape);
        h.run_steps(2);
    }
    h.get_all_by_label("Chart").next().unwrap().click();
    h.run_steps(2);
    h.snapshot("chart_menu");
}

#[test]
fn a_presented_chart_rests_and_is_drawn_again_only_when_the_window_changes() {
    let size = [1920.0, 1080.0];
    let mut h = teacher(size);
    h.get_by_label("Compute relief map").click();
    h.run_steps(2);
    h.get_by_label("Present chart").click();
    h.run_steps(5);
    assert!(
        common::repaint_delay(&h) > std::time::Duration::from_secs(1),
        "a presented chart asks for no frames: {:?}",
        common::repaint_delay(&h)
    );
    h.set_size(egui::vec2(1024.0, 768.0));
    h.run_steps(3);
    let (w, _) = picture_share(&h, "Relief map", [1024.0, 768.0]);
    assert!(w > 0.95, "the picture follows the window: {w}");
}
