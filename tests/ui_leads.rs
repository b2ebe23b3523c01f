//! The programmer's Leads tab, driven by accessible labels: a percutaneous lead's
//! introducer moved under ultrasound, the lead deployed where it is, then withdrawn before
//! an MRI — what `pns-placement` and `pns-mri` ask of a trainee in the window.
#![cfg(feature = "gui")]
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use egui_kittest::kittest::Queryable;
use scs_sim::patient::anatomy::Side;
use scs_sim::patient::nerve::{Nerve, NerveSite};
use scs_sim::session::WorldEvent;

mod common;
use common::{log_in_clinician, on_patient, type_into};

#[test]
fn a_percutaneous_lead_is_moved_deployed_and_withdrawn_from_the_leads_tab() {
    let mut h = on_patient("phantom-limb", [1920.0, 1080.0]);
    log_in_clinician(&mut h);
    h.state_mut()
        .session_mut()
        .apply(WorldEvent::PlaceNerveLead {
            lead: 0,
            site: NerveSite {
                nerve: Nerve::Femoral,
                side: Side::Left,
                along_mm: 30.0,
                distance_mm: 25.0,
                depth_mm: 30.0,
                crossing_mm: 0.0,
            },
            deployed: false,
        })
        .unwrap();
    h.get_by_label("Leads").click();
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("in its introducer, 25.0 mm")
            .is_some(),
        "the ultrasound shows the introducer's distance"
    );
    type_into(&mut h, "move to (mm)", "8");
    h.get_by_label("Move introducer 1").click();
    h.run_steps(2);
    let lead = |h: &egui_kittest::Harness<'static, scs_sim::ui::App>| {
        h.state().session().device().unwrap().nerve_leads[0]
    };
    assert!((lead(&h).site.distance_mm - 8.0).abs() < 1e-9);
    assert!(!lead(&h).deployed);
    h.get_by_label("Deploy lead 1").click();
    h.run_steps(2);
    assert!(lead(&h).deployed);
    assert!(
        h.query_by_label("Move introducer 1").is_none(),
        "a deployed lead stays"
    );
    h.get_by_label("Withdraw lead 1").click();
    h.run_steps(2);
    assert!(h.state().session().stimulator().unwrap().is_withdrawn(0));
    assert!(h.query_by_label_contains("Lead 1: withdrawn").is_some());
}

#[test]
fn a_spinal_lead_has_no_leads_tab() {
    let mut h = on_patient("fbss", [1920.0, 1080.0]);
    log_in_clinician(&mut h);
    assert!(h.query_by_label("Leads").is_none());
}
