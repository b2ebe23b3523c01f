//! The evoked compound action potential against the facts of the shared notes'
//! REFERENCES-ECAP.md, on every built-in spinal patient in three postures and three pulse
//! widths (settings the model was not tuned on).
#![allow(clippy::unwrap_used)]

mod cli_support;
use cli_support::eval_json;
use scs_sim::library;
use scs_sim::patient::anatomy::Posture;
use scs_sim::patient::ecap::{Ecap, NOISE_FLOOR_UV};
use scs_sim::session::{ProgrammerEdit, RemoteKey, Role, Session, WorldEvent};

/// Recording three 8-mm-pitch contacts from the cathode (§1: 20–30 mm).
const RECORD_MM: f64 = 24.0;
const SPINAL: [&str; 5] = [
    "fbss",
    "radiculopathy",
    "crps-foot",
    "cervical",
    "lead-too-high",
];
const POSTURES: [Posture; 3] = [Posture::Supine, Posture::Sitting, Posture::Prone];

fn session(id: &str, posture: Posture, pulse_width_us: f64) -> Session {
    let (p, d) = library::built_in(id).unwrap().unwrap();
    let mut s = Session::new(p, d, Role::Clinician, 1);
    s.apply(RemoteKey::TherapyOn).unwrap();
    s.apply(ProgrammerEdit::SetPulseWidth(pulse_width_us))
        .unwrap();
    s.apply(WorldEvent::SetPosture(posture)).unwrap();
    s
}

/// `f` on the session's ECAP recording.
fn with_ecap<T>(s: &Session, f: impl FnOnce(&Ecap) -> T) -> T {
    let stimulus = s.device().unwrap().stimulus();
    let ecap = Ecap::new(
        s.activation().unwrap(),
        &s.patient.body(),
        &stimulus,
        RECORD_MM,
    )
    .unwrap();
    f(&ecap)
}

/// §3 (Pilitsis 2021): the ECAP threshold predicts the perception threshold with a median
/// error of 0.5 dB (about 6 %) across postures and pulse widths, both moving together: here
/// every case within 2.5 dB and the median within 0.8 dB.
#[test]
fn the_ecap_threshold_tracks_perception_across_postures_and_pulse_widths() {
    let mut errors_db = Vec::new();
    for id in SPINAL {
        for posture in POSTURES {
            for pw in [210.0, 300.0, 450.0] {
                let s = session(id, posture, pw);
                let pt = s.perception_threshold().unwrap();
                let et = with_ecap(&s, |e| e.threshold_ma(25.5)).unwrap();
                let db = 20.0 * (et / pt).log10();
                assert!(
                    db.abs() < 2.5,
                    "{id} {posture:?} {pw} µs: ET {et:.2} PT {pt:.2}"
                );
                errors_db.push(db.abs());
            }
        }
    }
    errors_db.sort_by(f64::total_cmp);
    let median = errors_db[errors_db.len() / 2];
    assert!(median <= 0.8, "median |ET/PT| {median:.2} dB");
}

/// §2: nothing below threshold, roughly linear growth above it, slopes of 5–50 µV/mA and
/// tens to a few hundred µV between perception and discomfort.
#[test]
fn the_growth_curve_has_a_threshold_and_a_slope_in_the_published_range() {
    for id in SPINAL {
        let s = session(id, Posture::Sitting, 300.0);
        let (pt, dt) = (
            s.perception_threshold().unwrap(),
            s.discomfort_threshold().unwrap(),
        );
        with_ecap(&s, |e| {
            assert!(
                e.amplitude_uv(0.7 * pt, 0.0) < NOISE_FLOOR_UV,
                "{id}: below threshold"
            );
            let mid = 0.5 * (pt + dt);
            let size = e.amplitude_uv(mid, 0.0);
            assert!(
                (10.0..=500.0).contains(&size),
                "{id}: {size:.0} µV at {mid:.2} mA"
            );
            let slope = e.slope_uv_per_ma(mid, 0.0);
            assert!(
                (5.0..=120.0).contains(&slope),
                "{id}: slope {slope:.1} µV/mA"
            );
            // Growth keeps its direction above threshold.
            let mut last = 0.0;
            for k in 0..=10 {
                let v = e.amplitude_uv(pt + (dt - pt) * f64::from(k) / 10.0, 0.0);
                assert!(v >= last, "{id}: the growth curve fell");
                last = v;
            }
        });
    }
}

/// §3: closer cord, lower threshold and a steeper slope; the same current gives a much
/// larger ECAP lying on the back; the ECAP at discomfort varies across postures
/// (Pilitsis 2021; Saluda US 11,191,966).
#[test]
fn posture_moves_the_curve_threshold_and_slope_together() {
    for id in SPINAL {
        let figures: Vec<(f64, f64, f64, f64)> = POSTURES
            .iter()
            .map(|&posture| {
                let s = session(id, posture, 300.0);
                let dt = s.discomfort_threshold().unwrap();
                with_ecap(&s, |e| {
                    let et = e.threshold_ma(25.5).unwrap();
                    (
                        et,
                        e.slope_uv_per_ma(et + 1.0, 0.0),
                        e.amplitude_uv(dt, 0.0),
                        e.cord_mm(),
                    )
                })
            })
            .collect();
        let [supine, sitting, prone] = [figures[0], figures[1], figures[2]];
        assert!(
            supine.3 < sitting.3 && sitting.3 < prone.3,
            "{id}: cord distances"
        );
        assert!(
            supine.0 < sitting.0 && sitting.0 < prone.0,
            "{id}: ET {figures:?}"
        );
        let at_dt: Vec<f64> = figures.iter().map(|f| f.2).collect();
        let spread = at_dt.iter().copied().fold(0.0, f64::max)
            / at_dt.iter().copied().fold(f64::INFINITY, f64::min);
        // Published: up to threefold within a patient; here up to about fivefold where
        // lying prone the roots take over near discomfort.
        assert!((1.1..=5.0).contains(&spread), "{id}: ECAP at DT {at_dt:?}");
        // The sitting current, lying supine.
        let s = session(id, Posture::Sitting, 300.0);
        let ma = 0.5 * (s.perception_threshold().unwrap() + s.discomfort_threshold().unwrap());
        let sitting_uv = with_ecap(&s, |e| e.amplitude_uv(ma, 0.0));
        let supine_uv = with_ecap(&session(id, Posture::Supine, 300.0), |e| {
            e.amplitude_uv(ma, 0.0)
        });
        assert!(
            supine_uv > 1.5 * sitting_uv,
            "{id}: {sitting_uv:.0} → {supine_uv:.0} µV"
        );
    }
}

/// §1: the volley arrives 0.5–2.5 ms after the pulse, later on a farther contact; the
/// artifact grows linearly with current and decays.
#[test]
fn latency_follows_conduction_and_the_artifact_grows_with_current() {
    let s = session("fbss", Posture::Sitting, 300.0);
    let near = with_ecap(&s, |e| e.latency_ms());
    assert!((0.5..=2.5).contains(&near), "{near} ms");
    let stimulus = s.device().unwrap().stimulus();
    let far = Ecap::new(s.activation().unwrap(), &s.patient.body(), &stimulus, 48.0)
        .unwrap()
        .latency_ms();
    assert!(far > near + 0.3, "{near} → {far} ms");
    with_ecap(&s, |e| {
        let (a, b) = (e.artifact_uv(3.0, 1.0), e.artifact_uv(6.0, 1.0));
        assert!((b / a - 2.0).abs() < 1e-9);
        assert!(e.artifact_uv(6.0, 0.1) > e.artifact_uv(6.0, 1.0));
        // The trace's N1 trough at the latency.
        let ma = 0.5 * (s.perception_threshold().unwrap() + s.discomfort_threshold().unwrap());
        let n1 = e.trace_uv(ma, 0.0, e.latency_ms()) - e.artifact_uv(ma, e.latency_ms());
        assert!(n1 < -0.4 * e.amplitude_uv(ma, 0.0), "N1 {n1:.1} µV");
    });
}

/// §2: a higher rate gives a slightly smaller ECAP at the same current; a 10 kHz train
/// gives no volley to record.
#[test]
fn rate_shrinks_the_ecap_a_little_and_khz_has_none() {
    let mut s = session("fbss", Posture::Sitting, 300.0);
    let ma = s.perception_threshold().unwrap() * 1.15;
    s.apply(ProgrammerEdit::SetRate(40.0)).unwrap();
    let slow = with_ecap(&s, |e| e.amplitude_uv(ma, 0.0));
    s.apply(ProgrammerEdit::SetRate(400.0)).unwrap();
    let fast = with_ecap(&s, |e| e.amplitude_uv(ma, 0.0));
    assert!(fast < slow && fast > 0.7 * slow, "{slow:.1} → {fast:.1} µV");
    s.apply(ProgrammerEdit::SetWaveform(
        scs_sim::device::program::Waveform::HighFrequency,
    ))
    .unwrap();
    let stimulus = s.device().unwrap().stimulus();
    assert!(
        Ecap::new(
            s.activation().unwrap(),
            &s.patient.body(),
            &stimulus,
            RECORD_MM
        )
        .is_none()
    );
}

/// `eval --json` reports the ECAP threshold (near the perception threshold, §3), the
/// growth curve's slope (§2's range) and the ECAP now, which grows above threshold; a
/// nerve stimulator and a kHz waveform record none.
#[test]
fn eval_reports_the_ecap_threshold_slope_and_size() {
    for id in SPINAL {
        let r = eval_json(&["--patient", id]);
        let (et, pt) = (
            r["ecap_threshold_ma"].as_f64().unwrap(),
            r["perception_threshold_ma"].as_f64().unwrap(),
        );
        assert!(
            (20.0 * (et / pt).log10()).abs() <= 2.5,
            "{id}: ECAP threshold {et} mA, PT {pt} mA"
        );
        let slope = r["ecap_slope_uv_per_ma"].as_f64().unwrap();
        assert!((5.0..=120.0).contains(&slope), "{id}: slope {slope}");
        let above = format!("{:.1}", et * 1.2);
        let louder = eval_json(&["--patient", id, "--amplitude-ma", &above]);
        assert!(
            louder["ecap_uv"].as_f64().unwrap() >= NOISE_FLOOR_UV,
            "{id}: {louder}"
        );
    }
    let nerve = eval_json(&["--patient", "occipital-neuralgia"]);
    assert!(nerve["ecap_uv"].is_null() && nerve["ecap_threshold_ma"].is_null());
    let khz = eval_json(&["--waveform", "high-frequency", "--amplitude-ma", "2"]);
    assert!(khz["ecap_uv"].is_null(), "{khz}");
}
