//! A PNS lead's MRI day: a percutaneous lead is MR unsafe (MRI mode is refused, and the
//! scan may not begin with one in), the programmer withdraws it (an implanted lead it
//! refuses), a withdrawn lead takes no more commands, and the `pns-mri` exercise is passed
//! only by withdrawing every lead in the last minutes before its own attempt's scan.
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use scs_sim::implant::stim::Stimulator;
use scs_sim::implant::stim::mri::MriDay;
use scs_sim::library;
use scs_sim::session::record::Recording;
use scs_sim::session::{ProgrammerEdit, Refusal, RemoteKey, Role, Session, WorldEvent};
use scs_sim::training::exercise::{self, Exercise};
use scs_sim::training::score::{ScoreReport, score};

fn clinic(patient: &str) -> Session {
    let (p, implant) = library::open(patient).unwrap();
    let mut s = Session::hosting(p, implant, Role::Clinician, 7);
    s.apply(ProgrammerEdit::SetAmplitude(3.0)).unwrap();
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

fn graded(e: &Exercise, s: &Session) -> ScoreReport {
    score(e, &Recording::of(s, &e.patient)).unwrap()
}

/// The booked scan of an attempt: (from, until), s.
fn scan(s: &Session) -> (f64, f64) {
    day(s).scan.unwrap()
}

#[test]
fn a_percutaneous_lead_is_withdrawn_not_put_in_mri_mode() {
    let mut s = clinic("phantom-limb");
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
    let mut s = clinic("occipital-neuralgia");
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
        let mut s = clinic("phantom-limb");
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
