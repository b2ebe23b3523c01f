//! The stimulator's rules an MRI day and a flat battery need: the remote's charge key, a
//! booked scan (refused when it is not a scan), the programmer's logged impedance check,
//! and the record the MRI day's goal judges.
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use scs_sim::device::impedance::{ContactFault, Fault};
use scs_sim::device::safety::WarningCode;
use scs_sim::implant::stim::Stimulator;
use scs_sim::implant::stim::mri::MriDay;
use scs_sim::library;
use scs_sim::session::{ProgrammerEdit, Refusal, RemoteKey, Role, Session, WorldEvent};

fn clinic() -> Session {
    let (p, d) = library::default_patient();
    let mut s = Session::new(p, d, Role::Clinician, 7);
    s.apply(RemoteKey::TherapyOn).unwrap();
    s
}

fn day(s: &Session) -> MriDay {
    s.implant()
        .downcast_ref::<Stimulator>()
        .unwrap()
        .mri_day()
        .clone()
}

#[test]
fn the_remote_charges_an_emptied_implant_and_only_then_it_runs_again() {
    let mut s = clinic();
    s.apply(WorldEvent::SetBattery(0.0)).unwrap();
    assert!(matches!(
        s.apply_as(Role::Patient, RemoteKey::TherapyOn),
        Err(Refusal::BatteryDepleted)
    ));
    s.apply_as(Role::Patient, RemoteKey::Recharge).unwrap();
    assert!((s.device().unwrap().battery.percent() - 100.0).abs() < 1e-9);
    // Charging does not turn therapy on by itself.
    assert!(!s.device().unwrap().therapy_on);
    s.apply_as(Role::Patient, RemoteKey::TherapyOn).unwrap();
    assert!(s.device().unwrap().delivering());
    // A locked remote charges nothing.
    s.apply(WorldEvent::SetBattery(5.0)).unwrap();
    s.apply_as(Role::Patient, RemoteKey::Lock).unwrap();
    assert!(matches!(
        s.apply_as(Role::Patient, RemoteKey::Recharge),
        Err(Refusal::Remote(_))
    ));
    assert!(s.device().unwrap().battery.percent() < 6.0);
}

#[test]
fn a_booking_that_is_not_a_scan_is_refused_and_changes_nothing() {
    let mut s = clinic();
    for (at_s, minutes) in [
        (f64::NAN, 20.0),
        (-5.0, 20.0),
        (600.0, 0.0),
        (600.0, 500.0),
        (600.0, f64::INFINITY),
    ] {
        assert!(
            matches!(
                s.apply(WorldEvent::BookMri { at_s, minutes }),
                Err(Refusal::Scene(_))
            ),
            "{at_s} s, {minutes} min"
        );
    }
    assert_eq!(day(&s), MriDay::default());
    assert!(!s.view().alerts.iter().any(|a| a.code == WarningCode::Mri));
}

#[test]
fn the_day_records_the_check_mri_mode_through_the_scan_and_therapy_back() {
    let mut s = clinic();
    s.apply(WorldEvent::BookMri {
        at_s: 600.0,
        minutes: 10.0,
    })
    .unwrap();
    let booked = s.view().alerts;
    assert!(
        booked
            .iter()
            .any(|a| a.code == WarningCode::Mri && a.message.contains("10:00 to 20:00")),
        "{booked:?}"
    );
    s.advance_to(100.0);
    s.apply(ProgrammerEdit::CheckImpedances).unwrap();
    s.advance_to(500.0);
    s.apply(RemoteKey::MriMode(true)).unwrap();
    s.advance_to(1230.0);
    s.apply(RemoteKey::MriMode(false)).unwrap();
    s.apply(RemoteKey::TherapyOn).unwrap();
    s.advance_to(1300.0);
    let d = day(&s);
    assert_eq!(d.entered, Some((true, Some(500.0))));
    assert!(!d.unsafe_scan);
    assert!(d.back_on_s.is_some_and(|t| (1230.0..1240.0).contains(&t)));
}

#[test]
fn a_scan_without_mri_mode_or_after_a_faulty_check_is_recorded_as_such() {
    let mut s = clinic();
    s.apply(WorldEvent::InjectFault(ContactFault {
        lead: 0,
        contact: 4,
        fault: Fault::Open,
    }))
    .unwrap();
    s.apply(WorldEvent::BookMri {
        at_s: 300.0,
        minutes: 5.0,
    })
    .unwrap();
    s.advance_to(100.0);
    s.apply(ProgrammerEdit::CheckImpedances).unwrap();
    s.advance_to(700.0);
    let d = day(&s);
    // The check found the open contact, so the scan began without a clean one.
    assert_eq!(d.checked.map(|c| c.1), Some(false));
    assert_eq!(d.entered.map(|e| e.0), Some(false));
    assert!(d.unsafe_scan, "scanned with MRI mode off");
}
