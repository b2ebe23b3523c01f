//! Nothing cut off, nothing silently gone: at projector sizes, in every role, for every
//! implant, with the projector theme and at 150 % zoom, every labelled widget lies inside
//! its panel and the window, or inside a scroll area that reaches it, read from the
//! accessibility tree (each panel and scroll area gives its bounds there); and a panel
//! the *More* menu shows as on is on screen.
#![cfg(feature = "gui")]
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use egui::{Rect, Role};
use egui_kittest::Harness;
use egui_kittest::kittest::{AccessKitNode, NodeT, Queryable};
use scs_sim::ui::App;
use scs_sim::ui::prefs::Prefs;

mod common;

/// The window sizes of classrooms: an old projector, a wide one, a full-HD screen.
const SIZES: [[f32; 2]; 3] = [[1024.0, 768.0], [1280.0, 720.0], [1920.0, 1080.0]];

/// How far a widget may poke out of its panel (rounding), points.
const SLACK: f32 = 1.0;

/// A scroll area this short is not one a person can read through, points.
const MIN_SCROLL_HEIGHT: f32 = 40.0;

/// The looks checked: the plain window, the projector theme and 150 % zoom.
fn looks() -> [(&'static str, Prefs); 3] {
    [
        ("plain", Prefs::default()),
        (
            "projector theme",
            Prefs {
                light: true,
                ..Prefs::default()
            },
        ),
        (
            "150 %",
            Prefs {
                zoom: 1.5,
                ..Prefs::default()
            },
        ),
    ]
}

/// A node's bounds in points, if it has any.
fn rect(n: &AccessKitNode<'_>, ppp: f32) -> Option<Rect> {
    n.bounding_box().map(|b| {
        Rect::from_min_max(
            egui::pos2(b.x0 as f32 / ppp, b.y0 as f32 / ppp),
            egui::pos2(b.x1 as f32 / ppp, b.y1 as f32 / ppp),
        )
    })
}

/// What a widget is called in a message: its label, or the text of a label.
fn name(n: &AccessKitNode<'_>) -> String {
    if let Some(label) = n.label() {
        return label;
    }
    n.children()
        .filter_map(|c| c.value())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `inner` lies inside `outer` (with [`SLACK`]).
fn inside(inner: Rect, outer: Rect) -> bool {
    outer.expand(SLACK).contains_rect(inner)
}

/// Whether `inner` lies inside `outer` from left to right.
fn inside_across(inner: Rect, outer: Rect) -> bool {
    inner.min.x >= outer.min.x - SLACK && inner.max.x <= outer.max.x + SLACK
}

/// The region a widget is drawn in: a panel (it must lie inside) or a scroll area (it
/// must lie inside from left to right; up and down it can be scrolled to).
#[derive(Clone, Copy)]
enum Region {
    Panel(Rect),
    Scroll(Rect),
}

/// Every widget or label that cannot be seen whole: outside the window, out of its panel,
/// or in a scroll area too small to read; each in one sentence.
fn cut_off(h: &Harness<'_, App>) -> Vec<String> {
    let ppp = h.ctx.pixels_per_point();
    let window = h.ctx.content_rect();
    let mut problems = Vec::new();
    let mut stack = vec![(h.kittest_state().root(), Region::Panel(window))];
    while let Some((node, region)) = stack.pop() {
        let mut within = region;
        match (node.role(), rect(&node, ppp)) {
            (Role::Pane, Some(r)) => {
                if !inside(r, window) {
                    problems.push(format!("{} at {r:?} is not inside the window", name(&node)));
                }
                within = Region::Panel(r);
            }
            (Role::ScrollView, Some(r)) => {
                if r.height() < MIN_SCROLL_HEIGHT.min(window.height() / 4.0) {
                    problems.push(format!("a scroll area at {r:?} is too short to read"));
                }
                within = Region::Scroll(r);
            }
            (Role::GenericContainer | Role::TextRun | Role::ScrollBar | Role::Window, _) => {}
            (_, Some(r)) if node.label().is_some() || node.role() == Role::Label => {
                let fits = match region {
                    Region::Panel(p) => inside(r, p) && inside(r, window),
                    Region::Scroll(s) => inside_across(r, s) && inside_across(r, window),
                };
                if !fits {
                    problems.push(format!("\"{}\" at {r:?} is cut off", name(&node)));
                }
            }
            _ => {}
        }
        stack.extend(node.children().map(|c| (c, within)));
    }
    problems
}

/// The names of the panels on screen.
fn panels(h: &Harness<'_, App>) -> Vec<String> {
    let ppp = h.ctx.pixels_per_point();
    let mut out = Vec::new();
    let mut stack = vec![h.kittest_state().root()];
    while let Some(node) = stack.pop() {
        if node.role() == Role::Pane
            && let (Some(label), Some(r)) = (node.label(), rect(&node, ppp))
            && r.width() > 50.0
            && r.height() > 50.0
        {
            out.push(label);
        }
        stack.extend(node.children());
    }
    out
}

/// Checks the window as it is now; `what` says where, for the message.
fn check(h: &mut Harness<'_, App>, what: &str, failures: &mut Vec<String>) {
    h.run_steps(3);
    for problem in cut_off(h) {
        failures.push(format!("{what}: {problem}"));
    }
    // A window too narrow for the tools and the patient shows one at a time: the other
    // half must fit too.
    if h.query_by_label("Too narrow for both:").is_some() {
        h.get_by_label("Show the patient").click();
        h.run_steps(3);
        for problem in cut_off(h) {
            failures.push(format!("{what}, the patient's half: {problem}"));
        }
        h.query_all_by_label("Show the programmer")
            .chain(h.query_all_by_label("Show the teacher's tools"))
            .next()
            .unwrap()
            .click();
        h.run_steps(3);
    }
    let shown = panels(h);
    h.get_by_label("More").click();
    h.run_steps(2);
    for (toggle, panel) in [("Inside view", "Inside panel"), ("Plots", "Plots panel")] {
        let on = h
            .query_by_label(toggle)
            .is_some_and(|t| t.accesskit_node().toggled() == Some(egui::accesskit::Toggled::True));
        if on && !shown.iter().any(|p| p == panel) {
            failures.push(format!(
                "{what}: the menu shows {toggle} on, it is not on screen"
            ));
        }
    }
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
}

/// Who is at the controls in a check.
#[derive(Clone, Copy, PartialEq)]
enum Who {
    /// The patient with the remote.
    Patient,
    /// The clinician, the teacher and a trainee in a blind exercise.
    Staff,
}

/// The window on patient `id` in every size and look: the patient's view, and with
/// `Who::Staff` also the clinician's, the teacher's and a trainee's in exercise
/// `exercise` (blind); every problem found.
fn every_role(id: &str, exercise: &str, who: Who) -> Vec<String> {
    let mut failures = Vec::new();
    for size in SIZES {
        for (look, prefs) in looks() {
            let prefs = Prefs {
                patient: id.to_string(),
                ..prefs
            };
            let what = |role: &str| format!("{id}, {role}, {}x{}, {look}", size[0], size[1]);
            let mut h = common::sized_app(prefs, size, None);
            h.run_steps(2);
            check(&mut h, &what("patient"), &mut failures);
            if who == Who::Patient {
                continue;
            }
            common::log_in_clinician(&mut h);
            check(&mut h, &what("clinician"), &mut failures);
            common::teach(&mut h);
            check(&mut h, &what("teach"), &mut failures);
            h.state_mut().open_link(None, Some(exercise));
            h.run_steps(2);
            assert!(h.state().blind(), "{}", what(exercise));
            check(&mut h, &what(exercise), &mut failures);
        }
    }
    failures
}

/// Fails with every problem found, one a line.
fn assert_fits(failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{} problems:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The implants, each with a patient and a blind exercise with a long title.
const IMPLANTS: [(&str, &str); 3] = [
    ("fbss", "convert-to-10khz"),
    ("shoulder-axillary", "pns-window"),
    ("pump-hydromorphone", "pump-concentration-change"),
];

#[test]
fn nothing_is_cut_off_in_the_patients_view_of_any_implant() {
    let failures: Vec<String> = IMPLANTS
        .iter()
        .flat_map(|(id, ex)| every_role(id, ex, Who::Patient))
        .collect();
    assert_fits(&failures);
}

/// The clinician's, the teacher's and the trainee's views, each implant, every size and
/// look. At 150 % zoom on 1024 × 768 and 1280 × 720 (683 and 853 points wide) and with the
/// projector theme on 1024 × 768 the tools and the patient do not fit side by side: the
/// window shows one at a time, and both halves are checked.
#[test]
fn nothing_is_cut_off_in_any_role() {
    let failures: Vec<String> = IMPLANTS
        .iter()
        .flat_map(|(id, ex)| every_role(id, ex, Who::Staff))
        .collect();
    assert_fits(&failures);
}

/// Whether the programmer's panel and the patient's are on screen.
fn halves(h: &Harness<'_, App>) -> (bool, bool) {
    let shown = panels(h);
    let on = |name: &str| shown.iter().any(|p| p == name);
    (on("Programmer panel"), on("Patient panel"))
}

/// A window too narrow for the programmer and the patient shows one at a time, says so,
/// switches by a click, and the menu shows the inside view and plots as having no room
/// while the programmer is shown (never as on while gone).
#[test]
fn a_narrow_window_shows_the_programmer_or_the_patient() {
    let prefs = Prefs {
        zoom: 1.5,
        ..Prefs::default()
    };
    let mut h = common::sized_app(prefs, [1024.0, 768.0], None);
    h.run_steps(2);
    common::log_in_clinician(&mut h);
    h.run_steps(3);
    assert!(h.query_by_label("Too narrow for both:").is_some());
    assert_eq!(halves(&h), (true, false), "the programmer alone");
    h.snapshot("narrow_programmer_1024x768_zoom150");
    h.get_by_label("Show the patient").click();
    h.run_steps(3);
    assert_eq!(halves(&h), (false, true), "the patient alone");
    h.snapshot("narrow_patient_1024x768_zoom150");
    // Wide enough again: both, without the bar.
    h.set_size(egui::vec2(1920.0, 1080.0));
    h.run_steps(3);
    assert!(h.query_by_label("Too narrow for both:").is_none());
    assert_eq!(halves(&h), (true, true), "both");
}

/// The checks can fail: a window narrower than the programmer alone shows it cut off.
#[test]
fn a_cut_off_programmer_is_found() {
    let mut h = common::sized_app(Prefs::default(), [560.0, 500.0], None);
    h.run_steps(2);
    common::log_in_clinician(&mut h);
    let mut failures = Vec::new();
    check(&mut h, "560x500", &mut failures);
    assert!(
        failures.iter().any(|f| f.contains("is cut off")),
        "{failures:?}"
    );
}

/// An exercise's brief opens in view even when the programmer was scrolled down before,
/// and the brief of a long title fits the programmer.
#[test]
fn the_brief_opens_in_view() {
    let mut h = common::sized_app(Prefs::default(), [1024.0, 768.0], None);
    h.run_steps(2);
    common::log_in_clinician(&mut h);
    h.get_by_label("Ask the patient").scroll_to_me();
    h.run_steps(3);
    let window = h.ctx.content_rect();
    h.state_mut().open_link(None, Some("convert-to-10khz"));
    h.run_steps(4);
    let header = h.get_by_label("Exercise").rect();
    assert!(window.contains_rect(header), "the brief at {header:?}");
    let mut failures = Vec::new();
    check(&mut h, "convert-to-10khz, 1024x768", &mut failures);
    assert_fits(&failures);
}

/// The teacher's open and closed loop side by side is whole on a wide projector and on a
/// full-HD screen: its controls, both arms' figures and their plots.
#[test]
fn the_loop_side_by_side_fits() {
    use scs_sim::session::{ProgrammerEdit, RemoteKey};
    let mut failures = Vec::new();
    for size in [[1280.0, 720.0], [1920.0, 1080.0]] {
        let mut h = common::sized_app(Prefs::default(), size, None);
        h.run_steps(2);
        common::log_in_clinician(&mut h);
        {
            let s = h.state_mut().session_mut();
            s.apply(RemoteKey::TherapyOn).unwrap();
            s.apply(ProgrammerEdit::SetAmplitude(4.9)).unwrap();
        }
        common::teach(&mut h);
        h.get_by_label("Open and closed loop side by side").click();
        h.run_steps(3);
        let what = format!("side by side, {}x{}", size[0], size[1]);
        assert!(
            h.query_by_label_contains("Closed loop: in the window")
                .is_some(),
            "{what}: no figures"
        );
        // The whole window, plots and all, on screen.
        let ppp = h.ctx.pixels_per_point();
        let screen = h.ctx.content_rect();
        let mut windows = 0;
        let mut stack = vec![h.kittest_state().root()];
        while let Some(node) = stack.pop() {
            if node.role() == Role::Window
                && let Some(r) = rect(&node, ppp)
            {
                windows += 1;
                if !inside(r, screen) {
                    failures.push(format!(
                        "{what}: a window at {r:?} is not inside the screen"
                    ));
                }
            }
            stack.extend(node.children());
        }
        assert!(windows > 0, "{what}: the side by side is no window");
        check(&mut h, &what, &mut failures);
    }
    assert_fits(&failures);
}
