//! The implant's rules: contacts, polarities, ranges, safety formulas, impedance, battery.
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use scs_sim::device::battery::{Battery, BatteryState, power_w};
use scs_sim::device::impedance::{ContactFault, Fault, Impedances};
use scs_sim::device::lead::{Electrodes, Polarity, Vertebra, contact_area_mm2};
use scs_sim::device::program::{PatientWindow, Program, Settings, Waveform};
use scs_sim::device::safety::{self, WarningCode, charge};

fn program(code: &str, amplitude_ma: f64, pulse_width_us: f64, max_ma: f64) -> Program {
    Program {
        name: "Test".into(),
        settings: Settings {
            amplitude_ma,
            pulse_width_us,
            ..Waveform::Tonic.defaults()
        },
        electrodes: Electrodes::parse(code, false).unwrap(),
        window: PatientWindow {
            min_ma: 0.0,
            max_ma,
        },
        step_ma: 0.1,
        notes: Default::default(),
        closed_loop: None,
        patient_loop: Default::default(),
    }
}

#[test]
fn contact_area_is_the_side_of_a_1_3_by_3_mm_cylinder() {
    assert!((contact_area_mm2() - 12.25).abs() < 0.01);
}

#[test]
fn contact_codes_parse_and_bad_ones_are_refused_with_reasons() {
    let e = Electrodes::parse("0+-+0000/00-00000", false).unwrap();
    assert_eq!(e.leads.len(), 2);
    assert_eq!(e.leads[0][2], Polarity::Cathode);
    assert_eq!(e.to_code(), "0+-+0000/00-00000");
    let err = Electrodes::parse("0+-x0000", false)
        .unwrap_err()
        .to_string();
    assert!(err.contains("'x'") && err.contains("contact 3"), "{err}");
    assert!(
        Electrodes::parse("0+0+0000", false)
            .unwrap_err()
            .to_string()
            .contains("no cathode")
    );
    assert!(
        Electrodes::parse("00-00000", false)
            .unwrap_err()
            .to_string()
            .contains("no anode")
    );
    assert!(
        Electrodes::parse("00-00000", true).is_ok(),
        "the case may be the anode"
    );
    assert!(
        Electrodes::parse("0+-", false)
            .unwrap_err()
            .to_string()
            .contains("expected 8")
    );
    assert!(
        Electrodes::parse("0+-00000/0+-00000/0+-00000", false).is_err(),
        "at most two leads"
    );
}

#[test]
fn cathodes_share_all_current_and_anodes_share_all_current() {
    let e = Electrodes::parse("+--+0000", true).unwrap();
    let active = e.active();
    let sum = |p| {
        active
            .iter()
            .filter(|c| c.polarity == p)
            .map(|c| c.fraction)
            .sum::<f64>()
    };
    assert!((sum(Polarity::Cathode) - 1.0).abs() < 1e-12);
    assert!((sum(Polarity::Anode) + e.case_fraction() - 1.0).abs() < 1e-12);
    let mut custom = Electrodes::parse("+-+00000", false).unwrap();
    custom
        .set_percentages(&[vec![70.0, 100.0, 30.0, 0.0, 0.0, 0.0, 0.0, 0.0]], None)
        .unwrap();
    assert!((custom.active()[0].fraction - 0.7).abs() < 1e-12);
    let err = custom
        .set_percentages(&[vec![50.0, 100.0, 30.0, 0.0, 0.0, 0.0, 0.0, 0.0]], None)
        .unwrap_err()
        .to_string();
    assert!(err.contains("100 %"), "{err}");
}

#[test]
fn vertebral_levels_parse_from_c1_to_l2_only() {
    assert_eq!(Vertebra::parse("t9").unwrap().name(), "T9");
    assert_eq!(Vertebra::COUNT, 21);
    assert_eq!(Vertebra::from_index(20).map(|v| v.name()), Some("L2"));
    assert!(Vertebra::from_index(21).is_none());
    for bad in ["T13", "L3", "S1", "", "9"] {
        assert!(Vertebra::parse(bad).is_err(), "{bad}");
    }
}

/// The fields a device refuses in these settings.
fn bad(s: Settings) -> Vec<&'static str> {
    s.problems().into_iter().map(|p| p.field).collect()
}

#[test]
fn device_ranges_are_hard_limits() {
    let ok = Waveform::Tonic.defaults();
    assert!(ok.problems().is_empty());
    assert_eq!(
        bad(Settings {
            amplitude_ma: 25.6,
            ..ok
        }),
        vec!["amplitude_ma"]
    );
    assert_eq!(
        bad(Settings {
            amplitude_ma: -0.1,
            ..ok
        }),
        vec!["amplitude_ma"]
    );
    assert_eq!(
        bad(Settings {
            amplitude_ma: f64::NAN,
            ..ok
        }),
        vec!["amplitude_ma"]
    );
    assert_eq!(
        bad(Settings {
            pulse_width_us: 10.0,
            ..ok
        }),
        vec!["pulse_width_us"]
    );
    assert_eq!(
        bad(Settings {
            rate_hz: 1201.0,
            ..ok
        }),
        vec!["rate_hz"]
    );
    // 1000 µs biphasic pulses cannot fit 1200 Hz.
    assert_eq!(
        bad(Settings {
            rate_hz: 1200.0,
            pulse_width_us: 1000.0,
            ..ok
        }),
        vec!["pulse_width_us"]
    );
}

#[test]
fn high_frequency_and_burst_ranges_are_hard_limits() {
    let hf = Waveform::HighFrequency.defaults();
    assert!(hf.problems().is_empty());
    assert_eq!(
        bad(Settings {
            pulse_width_us: 90.0,
            ..hf
        }),
        vec!["pulse_width_us"]
    );
    assert_eq!(
        bad(Settings {
            rate_hz: 500.0,
            ..hf
        }),
        vec!["rate_hz"]
    );
    let burst = Waveform::Burst.defaults();
    assert_eq!(
        (
            burst.burst_pulses,
            burst.burst_rate_hz,
            burst.rate_hz,
            burst.pulse_width_us
        ),
        (5, 500.0, 40.0, 1000.0)
    );
    assert!(burst.problems().is_empty());
    assert_eq!(
        bad(Settings {
            burst_pulses: 11,
            ..burst
        }),
        vec!["burst_pulses"]
    );
    assert_eq!(
        bad(Settings {
            rate_hz: 100.0,
            ..burst
        }),
        vec!["rate_hz"],
        "5 pulses at 500 Hz do not fit bursts every 10 ms"
    );
}

#[test]
fn settings_snap_to_device_resolution() {
    let s = Settings {
        amplitude_ma: 4.26,
        pulse_width_us: 214.0,
        ..Settings::default()
    }
    .snapped();
    assert_eq!((s.amplitude_ma, s.pulse_width_us), (4.3, 210.0));
}

#[test]
fn charge_density_and_shannon_follow_the_published_formulas() {
    let p = program("0+-+0000", 7.3, 500.0, 7.3);
    let c = charge(7.3, &p.settings, &p.electrodes);
    assert!((c.per_phase_uc - 3.65).abs() < 1e-9);
    let d = 3.65 / 0.1225;
    assert!(
        (c.max_density_uc_per_cm2 - d).abs() < 0.05,
        "{}",
        c.max_density_uc_per_cm2
    );
    assert!((c.shannon_k - (d.log10() + 3.65f64.log10())).abs() < 1e-3);
    // Splitting the cathode over two contacts halves the density on each.
    let split = program("0+--+000", 7.3, 500.0, 7.3);
    let c2 = charge(7.3, &split.settings, &split.electrodes);
    assert!((c2.max_density_uc_per_cm2 - d / 2.0).abs() < 0.05);
}

#[test]
fn warnings_use_device_wording_and_codes() {
    let imp = Impedances::seeded(1, 1);
    let codes = |p: &Program| {
        safety::assess(p, &imp)
            .warnings
            .into_iter()
            .map(|w| w.code)
            .collect::<Vec<_>>()
    };
    assert!(codes(&program("0+-+0000", 5.0, 300.0, 8.0)).is_empty());
    let dense = safety::assess(&program("0+-+0000", 8.0, 500.0, 8.0), &imp);
    let w = dense
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::ChargeDensity)
        .expect("charge density warning");
    assert!(w.message.starts_with("Charge density limit reached"));
    // The clinician's window lets the remote go past the limit even though today's setting is fine.
    let window = safety::assess(&program("0+-+0000", 4.0, 500.0, 10.0), &imp);
    let w = window
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::WindowChargeDensity)
        .expect("window warning");
    assert!(
        w.message.starts_with(
            "With present settings, the patient could exceed the charge density limit"
        )
    );
    assert!(
        !window
            .warnings
            .iter()
            .any(|w| w.code == WarningCode::ChargeDensity)
    );
}

#[test]
fn compliance_is_voltage_needed_against_about_12_volts() {
    let imp = Impedances::seeded(1, 1);
    let p = program("0+-+0000", 20.0, 100.0, 20.0);
    let r = safety::assess(&p, &imp);
    assert!((r.voltage_v - 20.0e-3 * r.impedance_ohm).abs() < 1e-9);
    assert!(r.voltage_v > 12.0);
    assert!(
        r.warnings.iter().any(
            |w| w.code == WarningCode::Compliance && w.message.starts_with("Out of compliance")
        )
    );
}

#[test]
fn impedances_are_seeded_and_faults_disable_contacts_with_an_alert() {
    let a = Impedances::seeded(2, 7);
    assert_eq!(a, Impedances::seeded(2, 7), "same seed, same readings");
    assert_ne!(a, Impedances::seeded(2, 8));
    for lead in 0..2 {
        for k in 0..8 {
            let z = a.ohm(lead, k);
            assert!((400.0..=1500.0).contains(&z), "{z}");
        }
    }
    let mut imp = a.clone();
    imp.inject(ContactFault {
        lead: 0,
        contact: 2,
        fault: Fault::Open,
    })
    .unwrap();
    imp.inject(ContactFault {
        lead: 0,
        contact: 5,
        fault: Fault::Short,
    })
    .unwrap();
    assert!(imp.ohm(0, 2) > 10_000.0 && imp.ohm(0, 5) < 100.0);
    assert_eq!(imp.faults().len(), 2);
    let p = program("0+-+0000", 3.0, 300.0, 5.0);
    let r = safety::assess(&p, &imp);
    assert!(
        r.warnings
            .iter()
            .any(|w| w.code == WarningCode::Impedance && w.message.contains("Check lead"))
    );
    assert!(
        imp.usable(&p.electrodes).is_none(),
        "the only cathode is open: no circuit"
    );
    assert!(
        imp.inject(ContactFault {
            lead: 3,
            contact: 0,
            fault: Fault::Open
        })
        .is_err()
    );
}

#[test]
fn battery_drains_with_power_and_walks_through_its_states() {
    let mut b = Battery::at_percent(30.0);
    assert_eq!(b.state(), BatteryState::Ok);
    assert_eq!(b.bars(), 2);
    let low = power_w(3.0, 800.0, 0.03);
    let high = power_w(6.0, 800.0, 0.03);
    assert!(high > 3.0 * low, "power grows with the square of current");
    assert!(b.days_left(low) > b.days_left(high));
    let p = power_w(5.0, 1000.0, 0.6);
    while b.state() == BatteryState::Ok {
        b.drain(p, 600.0);
    }
    assert_eq!(b.state(), BatteryState::RechargeSoon);
    assert_eq!(b.state().message(), Some("Recharge soon"));
    while b.state() == BatteryState::RechargeSoon {
        b.drain(p, 600.0);
    }
    assert_eq!(b.state(), BatteryState::RechargeNow);
    b.drain(p, 1e9);
    assert_eq!(b.state(), BatteryState::Depleted);
    b.recharge();
    assert_eq!(b.percent(), 100.0);
}

#[test]
fn an_implant_stores_one_to_four_programs_and_never_none() {
    use scs_sim::device::programs::Programs;
    let p = program("0+-+0000", 2.0, 300.0, 6.0);
    assert!(
        Programs::new(Vec::new()).is_err(),
        "an empty list is refused"
    );
    assert!(
        Programs::new(vec![p.clone(); 5]).is_err(),
        "five are too many"
    );
    let mut list = Programs::one(p.clone());
    assert!(list.remove(0).is_err(), "the last program stays");
    assert!(list.remove(3).is_err(), "program 4 does not exist");
    for _ in 0..3 {
        list.push(p.clone()).unwrap();
    }
    assert!(list.push(p.clone()).is_err(), "at most four");
    assert_eq!(list.len(), 4);
    assert_eq!(list.active(9), &p, "past the end runs the last one");
    list.remove(1).unwrap();
    assert_eq!((list.len(), list.iter().count()), (3, 3));
    assert!(list.get(3).is_none() && !list.is_empty());
}
