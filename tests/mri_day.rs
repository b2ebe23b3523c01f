//! The stimulator's rules an MRI day and a flat battery need: the remote's charge key, a
//! booked scan (refused when it is not a scan), the programmer's logged impedance check,
//! and the record the MRI day's goal judges; a percutaneous nerve lead's MRI day (it is MR
//! unsafe: withdrawn, not put in MRI mode) and the `pns-mri` exercise, passed only by
//! withdrawing every lead just before its own attempt's scan; a pump's booking refused.
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use scs_sim::device::impedance::{ContactFault, Fault};
use scs_sim::device::safety::WarningCode;
use scs_sim::implant::pump::mri::PumpMri;
use scs_sim::implant::pump::{PumpEvent, PumpImplant};
use scs_sim::implant::stim::Stimulator;
use scs_sim::implant::stim::mri::MriDay;
use scs_sim::library;
use scs_sim::session::record::Recording;
use scs_sim::session::{ProgrammerEdit, Refusal, RemoteKey, Role, Session, WorldEvent};
use scs_sim::training::exercise::{self, Exercise};
use scs_sim::training::score::{ScoreReport, score};

/// Bookings that are not a scan: (start s, minutes).
const BAD_BOOKINGS: [(f64, f64); 6] = [
    (f64::NAN, 20.0),
    (-5.0, 20.0),
    (600.0, 0.0),
    (600.0, 500.0),
    (600.0, f64::INFINITY),
    (40.0 * 86_400.0, 20.0),
];

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
    for (at_s, minutes) in BAD_BOOKINGS {
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

#[test]
fn a_pumps_booking_or_late_restart_that_cannot_be_is_refused_and_changes_nothing() {
    let (p, implant) = library::open("pump-cancer-morphine").unwrap();
    let mut s = Session::hosting(p, implant, Role::Clinician, 7);
    for (at_s, minutes) in BAD_BOOKINGS {
        assert!(
            matches!(
                s.apply(WorldEvent::BookMri { at_s, minutes }),
                Err(Refusal::Pump(_))
            ),
            "{at_s} s, {minutes} min"
        );
    }
    for h in [f64::NAN, -1.0, 25.0, f64::INFINITY] {
        assert!(
            matches!(
                s.apply(WorldEvent::Pump(PumpEvent::RestartLate(h))),
                Err(Refusal::Pump(_))
            ),
            "{h} h"
        );
    }
    assert_eq!(
        s.implant().downcast_ref::<PumpImplant>().unwrap().pump.mri,
        PumpMri::default()
    );
}

fn nerve_clinic(patient: &str) -> Session {
    let (p, implant) = library::open(patient).unwrap();
    let mut s = Session::hosting(p, implant, Role::Clinician, 7);
    s.apply(ProgrammerEdit::SetAmplitude(3.0)).unwrap();
    s.apply(RemoteKey::TherapyOn).unwrap();
    s
}

fn graded(e: &Exercise, s: &Session) -> ScoreReport {
    score(e, &Recording::of(s, &e.patient)).unwrap()
}

/// The booked scan of an attempt: (from, until), s.
fn scan(s: &Session) -> (f64, f64) {
    day(s).scan.unwrap()
}

#[test]
fn a_percutaneous_lead_is_withdrawn_not_put_in_mri_mode() {
    let mut s = nerve_clinic("phantom-limb");
    assert!(matches!(
        s.apply_as(Role::Patient, RemoteKey::MriMode(true)),
        Err(Refusal::MrUnsafe)
    ));
    assert!(matches!(
        s.apply(ProgrammerEdit::RemoveLead(2)),
        Err(Refusal::NoLead { lead: 2 })
    ));
    s.apply(ProgrammerEdit::RemoveLead(0)).unwrap();
    assert!(!s.device().unwrap().delivering(), "stimulation stops");
    for refused in [
        s.apply(ProgrammerEdit::RemoveLead(0)),
        s.apply(ProgrammerEdit::DeployLead(0)),
        s.apply(ProgrammerEdit::MoveIntroducer {
            lead: 0,
            distance_mm: 8.0,
        }),
        s.apply_as(Role::Patient, RemoteKey::TherapyOn),
        s.apply_as(Role::Patient, RemoteKey::MriMode(true)),
    ] {
        assert!(
            matches!(refused, Err(Refusal::LeadWithdrawn { lead: 0 })),
            "{refused:?}"
        );
    }
    s.apply(ProgrammerEdit::RemoveLead(1)).unwrap();
    assert!(
        s.implant()
            .downcast_ref::<Stimulator>()
            .unwrap()
            .percutaneous_out()
    );
}

#[test]
fn an_implanted_lead_is_not_withdrawn_from_the_programmer_nor_a_spinal_one() {
    let mut s = nerve_clinic("occipital-neuralgia");
    assert!(matches!(
        s.apply(ProgrammerEdit::RemoveLead(0)),
        Err(Refusal::NotPercutaneous { lead: 0 })
    ));
    assert!(s.device().unwrap().delivering());
    let (p, d) = library::default_patient();
    let mut spine = Session::new(p, d, Role::Clinician, 7);
    assert!(matches!(
        spine.apply(ProgrammerEdit::RemoveLead(0)),
        Err(Refusal::WrongImplant(_))
    ));
}

#[test]
fn the_day_records_a_lead_left_in_through_the_scan_and_leads_out_before_it() {
    for withdraw in [false, true] {
        let mut s = nerve_clinic("phantom-limb");
        s.apply(WorldEvent::BookMri {
            at_s: 600.0,
            minutes: 10.0,
        })
        .unwrap();
        s.advance_to(500.0);
        s.apply(ProgrammerEdit::RemoveLead(0)).unwrap();
        if withdraw {
            s.apply(ProgrammerEdit::RemoveLead(1)).unwrap();
        }
        s.advance_to(1300.0);
        let d = day(&s);
        assert!(d.percutaneous);
        assert_eq!(d.unsafe_scan, !withdraw, "withdrawn both: {withdraw}");
        assert_eq!(d.entered.unwrap().1.is_some(), withdraw);
    }
}

/// Attempt seeds tried.
const SEEDS: std::ops::Range<u64> = 1000..1012;

#[test]
fn pns_mri_is_passed_only_by_withdrawing_every_lead_just_before_this_attempts_scan() {
    let e = exercise::find("pns-mri").unwrap();
    let mut starts = Vec::new();
    for seed in SEEDS {
        let start = e.start_attempt(seed).unwrap();
        let (from, until) = scan(&start);
        starts.push(from);
        let play = |times: &[(f64, usize)]| {
            let mut s = start.clone();
            for (t, lead) in times {
                s.advance_to(*t);
                s.apply_as(Role::Clinician, ProgrammerEdit::RemoveLead(*lead))
                    .unwrap();
            }
            s.advance_to(until + 120.0);
            graded(&e, &s)
        };
        let right = play(&[(from - 300.0, 0), (from - 290.0, 1)]);
        assert!(
            right.goal_met && right.score > 85,
            "seed {seed}: {} ({}; {:?})",
            right.score,
            right.goal_detail,
            right.criteria
        );
        // At the start of the day: out, but hours early.
        let early = play(&[(20.0, 0), (25.0, 1)]);
        assert!(
            !early.goal_met && early.score < 40,
            "seed {seed}: {}",
            early.goal_detail
        );
        // One lead left in through the scan.
        let one = play(&[(from - 300.0, 0)]);
        assert!(
            !one.goal_met && one.score < 40,
            "seed {seed}: {}",
            one.goal_detail
        );
        // Withdrawn as the scan began: too late, a moment of the scan had a lead in.
        let late = play(&[(from + 60.0, 0), (from + 65.0, 1)]);
        assert!(!late.goal_met, "seed {seed}: {}", late.goal_detail);
    }
    starts.sort_by(f64::total_cmp);
    starts.dedup();
    assert!(starts.len() >= 8, "the scan's time varies: {starts:?}");
}
