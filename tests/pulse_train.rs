//! Pulse trains: biphasic, charge-balanced over every pulse (or burst), shaped by the
//! waveform, cycling and soft start.
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use scs_sim::device::program::{Cycling, Settings, Waveform};
use scs_sim::device::waveform::{envelope, for_each_unit, synthesize};

const FS: f64 = 100_000.0;

/// Every unit starting in the first `seconds`: its exact net charge must be zero, and
/// the sampled train up to a quiet moment after it must carry exactly that charge.
fn assert_balanced(s: &Settings, seconds: f64) {
    let mut units = Vec::new();
    for_each_unit(s, 0.0, seconds, |u| units.push(u.clone()));
    assert!(!units.is_empty(), "no pulses for {s:?}");
    for (i, u) in units.iter().enumerate() {
        let cathodic = u.cathodic_charge_mas();
        assert!(cathodic < 0.0);
        assert!(
            u.net_charge_mas().abs() <= 1e-9 * cathodic.abs(),
            "unit {i} of {s:?} is not balanced"
        );
        // Sample from the unit's start to halfway through the quiet gap after it.
        let next = units
            .get(i + 1)
            .map_or(u.start_s + s.period_s(), |n| n.start_s);
        let quiet = next - u.end_s;
        if quiet * FS >= 2.0 {
            let samples = synthesize(s, u.start_s, u.end_s - u.start_s + quiet / 2.0, FS);
            let net: f64 = samples.iter().sum::<f64>() / FS;
            assert!(
                net.abs() <= 1e-9 * cathodic.abs(),
                "sampled unit {i}: net {net} vs {cathodic}"
            );
        }
    }
}

#[test]
fn every_tonic_pulse_is_charge_balanced() {
    assert_balanced(
        &Settings {
            amplitude_ma: 5.0,
            pulse_width_us: 210.0,
            rate_hz: 60.0,
            ..Settings::default()
        },
        0.2,
    );
    // A pulse width that does not fall on sample boundaries is still exact.
    assert_balanced(
        &Settings {
            amplitude_ma: 3.3,
            pulse_width_us: 333.0,
            rate_hz: 47.0,
            ..Settings::default()
        },
        0.2,
    );
}

#[test]
fn every_burst_is_balanced_by_its_passive_recharge() {
    let s = Settings {
        amplitude_ma: 1.5,
        ..Waveform::Burst.defaults()
    };
    assert_balanced(&s, 0.2);
    let samples = synthesize(&s, 0.0, 0.025, FS);
    // Five cathodic pulses, then a decaying positive recharge: never an active anodic square.
    let starts = samples
        .windows(2)
        .filter(|w| w[0] >= 0.0 && w[1] < 0.0)
        .count()
        + usize::from(samples[0] < 0.0);
    assert_eq!(starts, 5, "five pulses per burst");
    let peak_recharge = samples.iter().copied().fold(0.0, f64::max);
    assert!(
        peak_recharge < 1.5,
        "passive recharge is gentler than the pulses"
    );
}

#[test]
fn ten_kilohertz_trains_are_balanced_and_dense() {
    let s = Settings {
        amplitude_ma: 3.0,
        ..Waveform::HighFrequency.defaults()
    };
    assert_balanced(&s, 0.01);
    let mut n = 0;
    for_each_unit(&s, 0.0, 1.0, |_| n += 1);
    assert_eq!(n, 10_000);
}

#[test]
fn cycling_silences_the_off_phase_and_soft_start_ramps() {
    let s = Settings {
        amplitude_ma: 4.0,
        cycling: Some(Cycling {
            on_s: 1.0,
            off_s: 2.0,
        }),
        soft_start_s: 0.5,
        ..Settings::default()
    };
    assert_eq!(envelope(&s, 1.5), 0.0);
    assert!((envelope(&s, 0.25) - 0.5).abs() < 1e-12);
    assert_eq!(envelope(&s, 0.75), 1.0);
    assert!(
        (envelope(&s, 3.25) - 0.5).abs() < 1e-12,
        "the ramp repeats each on phase"
    );
    let off = synthesize(&s, 1.1, 0.8, FS);
    assert!(off.iter().all(|x| *x == 0.0));
    assert_balanced(&s, 3.0);
}

#[test]
fn a_window_starting_mid_pulse_shows_the_rest_of_it() {
    let s = Settings {
        amplitude_ma: 2.0,
        pulse_width_us: 500.0,
        rate_hz: 100.0,
        ..Settings::default()
    };
    let samples = synthesize(&s, 0.000_25, 0.001, FS);
    assert!(
        (samples[0] + 2.0).abs() < 1e-9,
        "still in the cathodic phase"
    );
    assert!(samples.iter().any(|x| *x > 1.9), "then the recharge");
}

fn any_settings() -> impl Strategy<Value = Settings> {
    prop_oneof![
        (0.1f64..25.5, 20.0f64..1000.0, 2.0f64..1200.0).prop_map(|(a, pw, r)| Settings {
            amplitude_ma: a,
            pulse_width_us: pw,
            rate_hz: r,
            ..Settings::default()
        }),
        (
            0.1f64..25.5,
            100.0f64..1000.0,
            1.0f64..60.0,
            2u32..=10,
            200.0f64..1000.0
        )
            .prop_map(|(a, pw, r, n, br)| {
                Settings {
                    amplitude_ma: a,
                    pulse_width_us: pw,
                    rate_hz: r,
                    burst_pulses: n,
                    burst_rate_hz: br,
                    ..Waveform::Burst.defaults()
                }
            }),
        (0.1f64..25.5, 20.0f64..60.0, 1000.0f64..10_000.0).prop_map(|(a, pw, r)| Settings {
            amplitude_ma: a,
            pulse_width_us: pw,
            rate_hz: r,
            ..Waveform::HighFrequency.defaults()
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn any_accepted_setting_gives_finite_balanced_pulses(s in any_settings()) {
        prop_assume!(s.problems().is_empty());
        let window = (20.0 * s.period_s()).min(0.05);
        let samples = synthesize(&s, 0.0, window, FS);
        prop_assert!(samples.iter().all(|x| x.is_finite()));
        let peak = samples.iter().fold(0.0f64, |m, x| m.max(-x));
        prop_assert!(peak <= s.amplitude_ma + 1e-9);
        let mut worst = 0.0f64;
        for_each_unit(&s, 0.0, window, |u| worst = worst.max(u.net_charge_mas().abs() / -u.cathodic_charge_mas()));
        prop_assert!(worst <= 1e-9);
        let total: f64 = samples.iter().sum::<f64>() / FS;
        let mut inside = 0.0;
        let sampled = samples.len() as f64 / FS;
        for_each_unit(&s, 0.0, window, |u| for seg in &u.segments {
            if let scs_sim::device::waveform::Segment::Flat { start_s, end_s, ma } = *seg {
                inside += ma * (end_s.min(sampled) - start_s.min(sampled));
            }
        });
        prop_assert!(s.waveform == Waveform::Burst || (total - inside).abs() <= 1e-9 * s.amplitude_ma, "samples carry the exact charge");
    }
}
