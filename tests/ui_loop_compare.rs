//! The teacher's open and closed loop side by side, driven by accessible labels: the
//! figures shown are the model's own runs on the closed-loop check's schedule, closed loop
//! keeps more time in the window with fewer jolts, a gain turned up past 2 oscillates and
//! loses the window, the teacher's own schedule is the one run (a time that does not read
//! is said and loses nothing), a program in closed loop is compared with its own settings,
//! and a nerve lead has nothing to compare.
#![cfg(feature = "gui")]
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use scs_sim::device::closed_loop::LoopSettings;
use scs_sim::implant::stim::closed_loop::LoopRun;
use scs_sim::implant::stim::closed_loop::run;
use scs_sim::implant::stim::loop_check::{CHECK_JOLTS, CHECK_POSTURES, CHECK_S, schedule};
use scs_sim::patient::cord_motion::Jolt;
use scs_sim::session::{ProgrammerEdit, RemoteKey};
use scs_sim::ui::App;
use scs_sim::ui::prefs::Prefs;

mod common;
use common::{log_in_clinician, on_patient, sized_app, teach, type_into};

/// (in window %, ECAP error µV, jolts) as the arm named `arm` shows them.
fn shown(h: &Harness<'static, App>, arm: &str) -> (f64, f64, usize) {
    let label = format!("{arm}: in the window");
    let node = h.get_by_label_contains(&label);
    let text = node
        .accesskit_node()
        .label()
        .or_else(|| node.accesskit_node().value())
        .unwrap_or_default();
    let after = |before: &str| -> f64 {
        text.split(before)
            .nth(1)
            .unwrap()
            .trim_start()
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    (
        after("in the window "),
        after("ECAP error "),
        after("µV · ") as usize,
    )
}

#[test]
fn the_side_by_side_shows_the_models_runs_and_closed_loop_holds_better() {
    let mut h = sized_app(Prefs::default(), [1920.0, 1080.0], None);
    log_in_clinician(&mut h);
    let mid = {
        let s = h.state_mut().session_mut();
        s.apply(RemoteKey::TherapyOn).unwrap();
        let st = s.stimulator().unwrap();
        let mid = 0.5 * (st.perception_threshold().unwrap() + st.discomfort_threshold().unwrap());
        s.apply(ProgrammerEdit::SetAmplitude((mid * 10.0).round() / 10.0))
            .unwrap();
        mid
    };
    teach(&mut h);
    h.get_by_label("Open and closed loop side by side").click();
    h.run_steps(2);
    let open = shown(&h, "Open loop");
    let closed = shown(&h, "Closed loop");
    // The model's own open-loop run on the same schedule.
    let s = h.state().session();
    let st = s.stimulator().unwrap();
    let sched = schedule(st, &s.patient, &CHECK_POSTURES, &CHECK_JOLTS, CHECK_S).unwrap();
    let e = st.ecap(&s.patient).unwrap();
    let model = run(&e, None, 50.0, st.device().delivered_ma(), &sched);
    assert!(
        (open.0 - (100.0 * model.in_window).round()).abs() < 0.6,
        "{open:?} vs {model:?}"
    );
    assert_eq!(open.2, model.overshoots);
    assert!(
        closed.0 > open.0 && closed.0 >= 90.0,
        "closed {closed:?} open {open:?}"
    );
    assert!(closed.1 < open.1 && closed.2 <= open.2);
    assert!(mid > 0.0);
    h.snapshot("loop_compare");
    // A gain well past 2 oscillates between the limits: the window is lost.
    type_into(&mut h, "Gain × slope", "2.8");
    h.run_steps(2);
    let fierce = shown(&h, "Closed loop");
    assert!(
        fierce.0 < closed.0 - 20.0,
        "gain 2.8: {fierce:?} against {closed:?}"
    );
}

#[test]
fn a_nerve_lead_has_no_loop_to_compare() {
    let mut h = on_patient("occipital-neuralgia", [1920.0, 1080.0]);
    teach(&mut h);
    h.run_steps(2);
    assert!(
        h.query_by_label("Open and closed loop side by side")
            .is_none()
    );
}

/// Paused with closed loop running, the ECAP tab's live traces and the side-by-side open,
/// the window asks for no frame: the comparison is computed once, not every frame.
#[test]
fn closed_loop_paused_with_the_side_by_side_open_rests() {
    let mut h = sized_app(Prefs::default(), [1920.0, 1080.0], None);
    log_in_clinician(&mut h);
    {
        let s = h.state_mut().session_mut();
        s.apply(RemoteKey::TherapyOn).unwrap();
        s.apply(ProgrammerEdit::SetAmplitude(4.9)).unwrap();
    }
    h.get_by_label("ECAP").click();
    h.run_steps(2);
    h.get_by_label("Closed loop on").click();
    h.run_steps(2);
    h.state_mut().session_mut().step(5.0);
    h.get_by_label("Live").click();
    teach(&mut h);
    h.get_by_label("Open and closed loop side by side").click();
    h.run_steps(3);
    assert!(h.try_run().is_ok(), "the window settles");
    assert!(
        common::repaint_delay(&h) > std::time::Duration::from_secs(3600),
        "no repaint requested while paused"
    );
}

/// The model's run of the session's program on a schedule with `jolts`: open loop, or
/// closed with `settings`; and the run's figures as the side-by-side rounds them.
fn model(
    h: &Harness<'static, App>,
    jolts: &[(f64, Jolt)],
    settings: Option<&LoopSettings>,
) -> (f64, f64, usize) {
    let s = h.state().session();
    let st = s.stimulator().unwrap();
    let sched = schedule(st, &s.patient, &CHECK_POSTURES, jolts, CHECK_S).unwrap();
    let e = st.ecap(&s.patient).unwrap();
    let hz = settings.map_or(50.0, |l| {
        1.0 / l.period_s(st.device().program().settings.rate_hz)
    });
    let r: LoopRun = run(&e, settings, hz, st.device().delivered_ma(), &sched);
    (
        (100.0 * r.in_window).round(),
        (10.0 * r.mean_error_uv).round() / 10.0,
        r.overshoots,
    )
}

/// A clinician's session with the therapy on at 4.9 mA and the teacher's side-by-side open.
fn side_by_side(settings: Option<LoopSettings>) -> Harness<'static, App> {
    let mut h = sized_app(Prefs::default(), [1920.0, 1080.0], None);
    log_in_clinician(&mut h);
    {
        let s = h.state_mut().session_mut();
        s.apply(RemoteKey::TherapyOn).unwrap();
        s.apply(ProgrammerEdit::SetAmplitude(4.9)).unwrap();
        if let Some(settings) = settings {
            s.apply(ProgrammerEdit::SetClosedLoop(Some(settings)))
                .unwrap();
        }
    }
    teach(&mut h);
    h.get_by_label("Open and closed loop side by side").click();
    h.run_steps(2);
    h
}

#[test]
fn the_teachers_schedule_is_the_one_run_and_a_bad_time_loses_nothing() {
    let mut h = side_by_side(None);
    assert_eq!(shown(&h, "Open loop"), model(&h, &CHECK_JOLTS, None));
    // One more cough, at 30 s while the patient lies down.
    let mut more = CHECK_JOLTS.to_vec();
    more.push((30.0, Jolt::Cough));
    more.sort_by(|a, b| a.0.total_cmp(&b.0));
    let expected = model(&h, &more, None);
    assert_ne!(
        expected,
        model(&h, &CHECK_JOLTS, None),
        "the cough shows in the figures"
    );
    type_into(&mut h, "Coughs at (s)", ", 30");
    h.run_steps(2);
    assert_eq!(shown(&h, "Open loop"), expected);
    // A time that does not read: one sentence, the last good schedule kept.
    type_into(&mut h, "Coughs at (s)", "x");
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("\"30x\" is not a time from 0 to 80 s")
            .is_some()
    );
    assert_eq!(shown(&h, "Open loop"), expected);
}

#[test]
fn a_program_in_closed_loop_is_compared_with_its_own_settings() {
    // Its own target below the present ECAP, and a gain that rings (gain × slope 1.5).
    let (target_uv, gain_ma_per_uv) = {
        let h = side_by_side(None);
        let s = h.state().session();
        let st = s.stimulator().unwrap();
        let e = st.ecap(&s.patient).unwrap();
        (
            0.9 * e.amplitude_uv(4.9, 0.0),
            1.5 / e.slope_uv_per_ma(4.9, 0.0),
        )
    };
    let own = LoopSettings {
        target_uv,
        gain_ma_per_uv,
        update_hz: 20.0,
        min_ma: 0.5,
        max_ma: 9.0,
    };
    let h = side_by_side(Some(own));
    let running = h
        .state()
        .session()
        .stimulator()
        .unwrap()
        .device()
        .program()
        .running_loop();
    assert_eq!(running, Some(own));
    assert_eq!(
        shown(&h, "Closed loop"),
        model(&h, &CHECK_JOLTS, Some(&own))
    );
    assert_eq!(shown(&h, "Open loop"), model(&h, &CHECK_JOLTS, None));
}

/// A spinal lead at 10 kHz evokes no ECAP to record: the side-by-side says so in one
/// sentence and draws no arms.
#[test]
fn ten_khz_says_there_is_nothing_to_record() {
    use scs_sim::device::program::Waveform;
    let mut h = side_by_side(None);
    assert!(
        h.query_by_label_contains("Closed loop: in the window")
            .is_some()
    );
    {
        let s = h.state_mut().session_mut();
        s.apply(ProgrammerEdit::SetWaveform(Waveform::HighFrequency))
            .unwrap();
        s.apply(ProgrammerEdit::SetAmplitude(2.0)).unwrap();
    }
    h.run_steps(2);
    assert!(
        h.query_by_label_contains("No ECAP to record with this program")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("Closed loop: in the window")
            .is_none()
    );
}
