//! Closed loop as a trainee meets it: the goal's check (lying down, standing, coughs and a
//! bend) passes a loop set from the growth curve and fails each way of getting it wrong,
//! and the patient's remote turns the loop off and on and moves its target within the
//! clinician's limits.
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use scs_sim::device::closed_loop::{LoopSettings, MAX_TARGET_STEPS, TARGET_STEP};
use scs_sim::implant::stim::loop_check;
use scs_sim::library;
use scs_sim::session::{ProgrammerEdit, RemoteKey, Role, Session};

/// Maria, stimulation on, her thresholds known; the ECAP at the middle of her window and
/// the slope there.
fn maria() -> (Session, f64, f64) {
    let (p, d) = library::built_in("fbss").unwrap().unwrap();
    let mut s = Session::new(p, d, Role::Clinician, 1);
    s.apply(RemoteKey::TherapyOn).unwrap();
    let st = s.stimulator().unwrap();
    let middle = 0.5 * (st.perception_threshold().unwrap() + st.discomfort_threshold().unwrap());
    let e = st.ecap(&s.patient).unwrap();
    let (target, slope) = (e.amplitude_uv(middle, 0.0), e.slope_uv_per_ma(middle, 0.0));
    (s, target, slope)
}

/// Maria in closed loop at `target` µV with gain × slope `k_s`, after a few seconds.
fn looped(target_share: f64, k_s: f64) -> Session {
    let (mut s, target, slope) = maria();
    s.apply(ProgrammerEdit::SetClosedLoop(Some(LoopSettings {
        target_uv: target * target_share,
        gain_ma_per_uv: k_s / slope,
        update_hz: 50.0,
        min_ma: 1.0,
        max_ma: 10.0,
    })))
    .unwrap();
    s.step(5.0);
    s
}

fn verdict(s: &Session) -> scs_sim::implant::goal::Verdict {
    loop_check::judge(s.stimulator().unwrap(), &s.patient, 15.0, 0.9)
}

#[test]
fn the_check_passes_a_loop_from_the_growth_curve_and_fails_each_mistake() {
    let good = verdict(&looped(1.0, 0.4));
    assert!(good.met, "{}", good.detail);
    for (what, s) in [
        ("open loop", maria().0),
        ("a target at twice the middle", looped(2.0, 0.4)),
        ("a gain that oscillates", looped(1.0, 2.6)),
        ("a gain that lags", looped(1.0, 0.01)),
    ] {
        let v = verdict(&s);
        assert!(!v.met, "{what} passes: {}", v.detail);
        assert!(v.progress < 1.0, "{what}");
    }
    // Open loop at the middle of the window: the check's postures and coughs take the
    // ECAP out of the window and far from where it started.
    let mut open_session = maria().0;
    let st = open_session.stimulator().unwrap();
    let middle = 0.5 * (st.perception_threshold().unwrap() + st.discomfort_threshold().unwrap());
    open_session
        .apply(ProgrammerEdit::SetAmplitude((middle * 10.0).round() / 10.0))
        .unwrap();
    let open =
        loop_check::check(open_session.stimulator().unwrap(), &open_session.patient).unwrap();
    let closed_session = looped(1.0, 0.4);
    let closed = loop_check::check(
        closed_session.stimulator().unwrap(),
        &closed_session.patient,
    )
    .unwrap();
    assert!(closed.run.in_window > open.run.in_window);
    assert!(closed.run.mean_error_uv < open.run.mean_error_uv);
}

/// The target the running loop holds, µV.
fn running_target(s: &Session) -> f64 {
    s.device()
        .unwrap()
        .program()
        .running_loop()
        .unwrap()
        .target_uv
}

#[test]
fn the_remote_moves_the_target_within_limits_and_turns_the_loop_off_and_on() {
    let mut s = looped(1.0, 0.4);
    let clinicians = s.device().unwrap().program().closed_loop.unwrap().target_uv;
    let amplitude = s.device().unwrap().program().settings.amplitude_ma;
    s.apply_as(Role::Patient, RemoteKey::AmplitudeUp).unwrap();
    let moved = running_target(&s);
    assert!((moved - clinicians * (1.0 + TARGET_STEP)).abs() < 1e-9);
    assert_eq!(
        s.device().unwrap().program().settings.amplitude_ma,
        amplitude,
        "in closed loop the keys move the target, not the amplitude"
    );
    // The loop follows the new target.
    s.step(5.0);
    let live = s.stimulator().unwrap().live_loop().unwrap().ecap_uv;
    assert!((live - moved).abs() < 0.1 * moved, "{live} against {moved}");
    for _ in 1..MAX_TARGET_STEPS {
        s.apply_as(Role::Patient, RemoteKey::AmplitudeUp).unwrap();
    }
    let refused = s
        .apply_as(Role::Patient, RemoteKey::AmplitudeUp)
        .unwrap_err();
    assert!(refused.to_string().contains("highest"), "{refused}");
    // Off: open loop at the program's amplitude; on again: the clinician's loop returns.
    s.apply_as(Role::Patient, RemoteKey::ClosedLoop(false))
        .unwrap();
    s.step(1.0);
    assert!(s.stimulator().unwrap().live_loop().is_none());
    s.apply_as(Role::Patient, RemoteKey::AmplitudeUp).unwrap();
    assert!(s.device().unwrap().program().settings.amplitude_ma > amplitude);
    s.apply_as(Role::Patient, RemoteKey::ClosedLoop(true))
        .unwrap();
    s.step(1.0);
    assert!(s.stimulator().unwrap().live_loop().is_some());
    // The clinician setting the loop again starts from their own target.
    let l = s.device().unwrap().program().closed_loop.unwrap();
    s.apply(ProgrammerEdit::SetClosedLoop(Some(l))).unwrap();
    assert!((running_target(&s) - clinicians).abs() < 1e-9);
    // A program in open loop has no loop to turn on.
    let (mut open, _, _) = maria();
    let e = open
        .apply_as(Role::Patient, RemoteKey::ClosedLoop(true))
        .unwrap_err();
    assert!(e.to_string().contains("no closed loop"), "{e}");
}

/// A closed-loop exercise file with an impossible goal or variation is refused when read,
/// in one sentence naming what is wrong.
#[test]
fn closed_loop_exercise_files_refuse_impossible_numbers() {
    use scs_sim::training::exercise::{BUILT_IN, parse_exercise};
    let text = |id: &str| BUILT_IN.iter().find(|(i, _)| *i == id).unwrap().1;
    let cases = [
        (
            "closed-loop-setup",
            "target_percent: 15",
            "target_percent: 0",
            "target_percent",
        ),
        (
            "closed-loop-setup",
            "target_percent: 15",
            "target_percent: NaN",
            "target_percent",
        ),
        (
            "closed-loop-setup",
            "min_in_window: 0.9",
            "min_in_window: 1.5",
            "min_in_window",
        ),
        (
            "closed-loop-setup",
            "ecap_factor: 2.5",
            "ecap_factor: 0.5",
            "ecap_factor",
        ),
        (
            "closed-loop-setup",
            "ecap_factor: 2.5",
            "ecap_factor: 9",
            "ecap_factor",
        ),
        (
            "closed-loop-tuning",
            "[0.05, 6.0]",
            "[0.05, -6.0]",
            "loop gain factor",
        ),
        (
            "closed-loop-tuning",
            "[0.05, 6.0]",
            "[0.05, inf]",
            "loop gain factor",
        ),
    ];
    for (id, good, bad, says) in cases {
        let original = text(id);
        assert!(original.contains(good), "{id}: {good}");
        let edited = original.replace(good, bad);
        let e = parse_exercise(std::path::Path::new("x.ron"), &edited)
            .err()
            .unwrap_or_else(|| panic!("{id}: {bad} was accepted"))
            .to_string();
        assert!(
            e.contains(says) || e.contains("not written as scs-sim reads numbers"),
            "{id}: {bad}: {e}"
        );
    }
}

/// A patient file's ECAP size outside 0.2–5 is refused, naming the field; inside it, the
/// recorded ECAP scales with it.
#[test]
fn a_patient_files_ecap_size_is_checked_and_scales_the_ecap() {
    let dir = std::env::temp_dir().join(format!("scs-sim-ecap-scale-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fbss = std::fs::read_to_string("assets/patients/fbss.ron").unwrap();
    for (scale, ok) in [("9.0", false), ("0.0", false), ("2.0", true)] {
        let path = dir.join(format!("p{scale}.ron"));
        let edited = fbss.replace(
            "responder: 0.85,",
            &format!("responder: 0.85, ecap_scale: {scale},"),
        );
        std::fs::write(&path, edited).unwrap();
        match scs_sim::library::find(path.to_str().unwrap()) {
            Ok((p, d)) => {
                assert!(ok && p.ecap_scale == 2.0, "{scale} accepted");
                let uv = |s: &Session| {
                    let st = s.stimulator().unwrap();
                    st.ecap(&s.patient).unwrap().amplitude_uv(6.0, 0.0)
                };
                let doubled = Session::new(p, d, Role::Clinician, 1);
                let (normal, _, _) = maria();
                assert!((uv(&doubled) - 2.0 * uv(&normal)).abs() < 1e-6 * uv(&normal));
            }
            Err(e) => assert!(!ok && e.to_string().contains("ecap_scale"), "{scale}: {e}"),
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A target the limits cannot reach: the loop sits at its limit and the device says it is
/// out of compliance (an advisory alert, not a safety warning); a reachable one clears it.
#[test]
fn a_loop_at_its_limit_raises_the_out_of_compliance_alert() {
    use scs_sim::device::safety::WarningCode;
    let limited = |s: &Session| {
        s.view()
            .alerts
            .iter()
            .any(|w| w.code == WarningCode::LoopLimit)
    };
    // Nearly the most the device accepts as a target, far above the cord's answer at 10 mA.
    let (_, middle, _) = maria();
    let s = looped(990.0 / middle, 0.4);
    assert!(limited(&s), "{:?}", s.view().alerts);
    assert!(!WarningCode::LoopLimit.is_safety());
    assert!(!limited(&looped(1.0, 0.4)));
}

/// In a closed-loop exercise the trainee may ask the patient to lie down, cough and bend
/// to check the loop (and a saved attempt replays so); in any other exercise the scene
/// stays the exercise's.
#[test]
fn a_closed_loop_exercise_lets_the_patient_be_asked_to_move() {
    use scs_sim::patient::anatomy::Posture;
    use scs_sim::patient::cord_motion::Jolt;
    use scs_sim::session::WorldEvent;
    use scs_sim::training::exercise;
    let ex = exercise::find("closed-loop-setup").unwrap();
    let mut s = ex.start_attempt(7).unwrap();
    s.step(10.0);
    for e in [
        WorldEvent::Jolt(Jolt::Cough),
        WorldEvent::SetPosture(Posture::Supine),
        WorldEvent::Jolt(Jolt::Bend),
        WorldEvent::SetPosture(Posture::Sitting),
    ] {
        s.apply_as(Role::Patient, e).unwrap();
        s.step(5.0);
    }
    // Not the lead, and not as anyone but the patient.
    assert!(
        s.apply_as(Role::Teacher, WorldEvent::SetBattery(5.0))
            .is_err()
    );
    let again = scs_sim::session::record::Recording::of(&s, &ex.patient)
        .replay()
        .unwrap();
    assert_eq!(again.t_s, s.t_s);
    assert_eq!(again.patient.posture, s.patient.posture);
    let other = exercise::find("leg-coverage").unwrap();
    let mut s = other.start_attempt(7).unwrap();
    s.step(10.0);
    assert!(
        s.apply_as(Role::Patient, WorldEvent::Jolt(Jolt::Cough))
            .is_err()
    );
}
