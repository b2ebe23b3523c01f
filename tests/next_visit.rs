//! The next visit (README, "Next visit"): in an exercise that spans days the clinician
//! ends the visit and the patient comes back one, three or seven days later. Only a
//! logged-in clinician ends a visit, the gap is an hour to two weeks, nothing the trainee
//! sends is taken while the patient is at home, and a session with visits replays and
//! grades exactly.
#![allow(clippy::unwrap_used)]

use scs_sim::implant::pump::PumpEdit;
use scs_sim::session::command::AccessRequest;
use scs_sim::session::record::Recording;
use scs_sim::session::{ProgrammerEdit, Refusal, Role, Session};
use scs_sim::training::exercise::{self, Exercise};
use scs_sim::training::score::score;

const DAY: f64 = 86_400.0;

fn visit(after_s: f64) -> AccessRequest {
    AccessRequest::NextVisit { after_s }
}

fn ziconotide() -> (Exercise, Session) {
    let e = exercise::find("pump-ziconotide-titration").unwrap();
    let s = e.start_attempt(7).unwrap();
    (e, s)
}

#[test]
fn only_a_logged_in_clinician_ends_a_visit_and_only_for_an_hour_to_two_weeks() {
    let (_, mut s) = ziconotide();
    assert_eq!(s.role, Role::Clinician, "an exercise opens the programmer");
    assert_eq!(
        s.apply_as(Role::Patient, visit(DAY)),
        Err(Refusal::NotAllowed),
        "the patient's remote does not book visits"
    );
    for bad in [0.0, 1800.0, 15.0 * DAY, f64::NAN, f64::INFINITY, -DAY] {
        let refused = s.apply(visit(bad)).unwrap_err();
        assert!(
            matches!(refused, Refusal::VisitGap { .. }),
            "{bad}: {refused:?}"
        );
        assert!(
            refused.to_string().contains("1 hour to 14 days"),
            "{refused}"
        );
    }
    assert_eq!(s.away_until_s, 0.0, "a refused visit books nothing");
    s.apply(visit(3.0 * DAY)).unwrap();
    assert_eq!(s.away_until_s, 3.0 * DAY);
}

#[test]
fn nothing_the_trainee_sends_is_taken_while_the_patient_is_at_home() {
    let (_, mut s) = ziconotide();
    s.advance_to(60.0);
    s.apply(visit(3.0 * DAY)).unwrap();
    s.advance_to(DAY);
    let raise = ProgrammerEdit::Pump(PumpEdit::SetDailyDose(0.0036));
    let refused = s.apply(raise.clone()).unwrap_err();
    assert!(matches!(refused, Refusal::AtHome { .. }), "{refused:?}");
    assert!(
        refused.to_string().contains("3.0 days into the session"),
        "{refused}"
    );
    assert!(s.apply_as(Role::Patient, visit(DAY)).is_err());
    // At the visit the programmer takes it again.
    s.advance_to(3.0 * DAY + 60.0);
    s.apply(raise).unwrap();
}

#[test]
fn a_titration_by_visits_replays_and_grades_exactly() {
    let (e, mut s) = ziconotide();
    let mut dose = 0.0012;
    for _ in 0..4 {
        s.advance_to(s.t_s + 60.0);
        dose += 0.0012;
        s.apply(ProgrammerEdit::Pump(PumpEdit::SetDailyDose(dose)))
            .unwrap();
        s.apply(visit(3.0 * DAY)).unwrap();
        s.advance_to(s.away_until_s);
    }
    let rec = Recording::of(&s, &e.patient);
    let again = rec.replay().unwrap();
    assert_eq!(again.t_s, s.t_s);
    assert_eq!(again.away_until_s, s.away_until_s);
    let report = score(&e, &rec).unwrap();
    assert!(
        report
            .timeline
            .iter()
            .any(|a| a.action.contains("next visit in 3 days")),
        "the debrief names the visits: {:?}",
        report.timeline
    );
    // A file that moves a dose into the days at home is refused by its replay.
    let mut forged = rec.clone();
    let i = forged
        .log
        .iter()
        .position(|l| {
            matches!(
                l.command,
                scs_sim::session::Command::Access(AccessRequest::NextVisit { .. })
            )
        })
        .unwrap();
    let mut moved = forged.log[i + 1].clone();
    moved.t_s = forged.log[i].t_s + DAY;
    forged.log[i + 1] = moved;
    assert!(forged.replay().is_err(), "a dose sent from home is refused");
}

/// At home the patient charges the stimulator when the remote asks (a 10 kHz program at a
/// few mA empties it in days): a week away at 4 mA ends with therapy still on, where the
/// same week left alone empties the battery and stops it.
#[test]
fn the_patient_charges_the_stimulator_at_home() {
    use scs_sim::device::program::Waveform;
    let e = exercise::find("convert-to-10khz").unwrap();
    let mut s = e.start_attempt(3).unwrap();
    s.apply(ProgrammerEdit::SetWaveform(Waveform::HighFrequency))
        .unwrap();
    s.apply(ProgrammerEdit::SetAmplitude(4.0)).unwrap();
    let mut alone = s.clone();
    s.apply(visit(7.0 * DAY)).unwrap();
    s.advance_to(s.away_until_s);
    alone.advance_to(s.t_s);
    let d = s.device().unwrap();
    assert!(
        d.therapy_on && d.battery.percent() > 10.0,
        "{}",
        d.battery.percent()
    );
    let d = alone.device().unwrap();
    assert!(
        !d.therapy_on,
        "left alone, the battery empties: {}",
        d.battery.percent()
    );
}
