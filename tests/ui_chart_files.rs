//! Saving a chart for slides from the window: PNG and SVG into the working folder, never
//! over an earlier file, and the status line says where. On its own in this file: it moves
//! the process's working folder.
#![cfg(feature = "gui")]
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use egui_kittest::kittest::Queryable;
use scs_sim::session::RemoteKey;
use scs_sim::ui::prefs::Prefs;

mod common;
use common::{sized_app, teach};

#[test]
fn saving_a_chart_writes_png_and_svg_into_the_working_folder_never_over_a_file() {
    let dir = std::env::temp_dir().join(format!("scs-sim-charts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::env::set_current_dir(&dir).unwrap();
    std::fs::write("relief-map.png", b"an earlier slide").unwrap();
    // A link to nowhere under the SVG's name is kept too (never followed, never replaced).
    std::os::unix::fs::symlink("/nonexistent/elsewhere.svg", "relief-map.svg").unwrap();
    let mut h = sized_app(Prefs::default(), [1920.0, 1080.0], None);
    h.state_mut()
        .session_mut()
        .apply(RemoteKey::TherapyOn)
        .unwrap();
    teach(&mut h);
    h.get_by_label("Compute relief map").click();
    h.run_steps(2);
    h.get_by_label("Save PNG").click();
    h.run_steps(2);
    h.get_by_label("Save SVG").click();
    h.run_steps(2);
    assert_eq!(
        std::fs::read("relief-map.png").unwrap(),
        b"an earlier slide"
    );
    let png = std::fs::read("relief-map-2.png").unwrap();
    assert_eq!(&png[1..4], b"PNG");
    assert!(
        std::fs::symlink_metadata("relief-map.svg")
            .unwrap()
            .file_type()
            .is_symlink()
    );
    let svg = std::fs::read_to_string("relief-map-2.svg").unwrap();
    assert!(
        svg.contains("amplitude (mA)") && svg.contains("<rect"),
        "{}",
        &svg[..200]
    );
    let status = h.state().status().unwrap_or_default().to_string();
    assert!(
        status.contains("relief-map-2.svg") && status.contains(dir.to_str().unwrap()),
        "{status}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
