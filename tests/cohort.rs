//! The programming assistant and the virtual cohort: steps a session accepts, relief a
//! session settles to, responder rates beside the published ones.
// Test code may unwrap: a panic there is a failed test with its reason.
#![allow(clippy::unwrap_used)]

use scs_sim::device::safety::WarningCode;
use scs_sim::library;
use scs_sim::session::{RemoteKey, Role, Session};
use scs_sim::training::assistant::{self, Therapy};
use scs_sim::training::cohort::{self, CohortReport};

fn session_of(p: scs_sim::patient::Patient, d: scs_sim::device::Device) -> Session {
    let mut s = Session::new(p, d, Role::Clinician, 1);
    s.apply(RemoteKey::TherapyOn).unwrap();
    s
}

/// Trial patients, some with a broken contact, and the built-in patients.
fn sessions() -> Vec<(String, Session)> {
    let mut out: Vec<(String, Session)> = (0..40)
        .map(|seed| {
            let (p, d) = library::generate::trial(seed);
            (format!("trial {seed}"), session_of(p, d))
        })
        .collect();
    // The assistant programs spinal cord stimulators; nerve leads are placed, not steered.
    for (id, _) in library::BUILT_IN {
        let (p, d) = library::built_in(id).unwrap().unwrap();
        if scs_sim::implant::stim::site::at_nerves(&d) {
            continue;
        }
        out.push((id.to_string(), session_of(p, d)));
    }
    out
}

#[test]
fn therapies_have_the_names_the_command_line_uses() {
    let names: Vec<&str> = Therapy::ALL.iter().map(|t| t.name()).collect();
    assert_eq!(names, ["tonic", "burst", "high-frequency"]);
    for t in Therapy::ALL {
        assert_eq!(Therapy::parse(t.name()).unwrap(), t);
    }
    assert!(Therapy::parse("sine").is_err());
}

#[test]
fn the_assistant_steps_are_accepted_and_settle_to_the_relief_it_planned() {
    let mut faulty = 0;
    for (name, base) in sessions() {
        if !base.device().unwrap().impedances.faults().is_empty() {
            faulty += 1;
        }
        for therapy in Therapy::ALL {
            let Some(plan) = assistant::plan(&base.patient, base.device().unwrap(), therapy) else {
                // Only 10 kHz on a lead nowhere near T8–T11 has nothing to offer.
                assert!(
                    therapy == Therapy::HighFrequency && !name.starts_with("trial"),
                    "{name} {therapy}: no plan"
                );
                assert!(assistant::program(&base, therapy).is_empty());
                continue;
            };
            let steps = assistant::program(&base, therapy);
            assert!(!steps.is_empty(), "{name} {therapy}");
            let mut s = base.clone();
            for step in steps {
                s.apply(step.clone())
                    .unwrap_or_else(|e| panic!("{name} {therapy}: {step:?} refused: {e:?}"));
            }
            let device = s.device().unwrap();
            for c in device.program().electrodes.active() {
                assert!(
                    device.impedances.fault(c.lead, c.contact).is_none(),
                    "{name} {therapy}: programs disabled contact {} on lead {}",
                    c.contact,
                    c.lead + 1
                );
            }
            let v = s.steady_view();
            assert!(
                (v.pain.relief_percent - plan.pain.relief_percent).abs() < 0.5,
                "{name} {therapy}: session {} vs plan {}",
                v.pain.relief_percent,
                plan.pain.relief_percent
            );
            for code in [
                WarningCode::Discomfort,
                WarningCode::ChargeDensity,
                WarningCode::Compliance,
            ] {
                assert!(
                    !v.alerts.iter().any(|w| w.code == code),
                    "{name} {therapy}: {code} at {:?}",
                    device.program().settings
                );
            }
            match therapy {
                Therapy::Tonic => {
                    let pt = plan.pt_ma.unwrap();
                    let ma = plan.settings.amplitude_ma;
                    assert!(
                        ma >= pt && ma <= 1.45 * pt,
                        "{name}: tonic settles a little above PT ({ma} vs {pt})"
                    );
                }
                Therapy::Burst | Therapy::HighFrequency => assert!(
                    v.response.perception.paresthesia.iter().all(|x| *x < 0.05),
                    "{name} {therapy}: little or no tingling"
                ),
            }
            let words = assistant::expert_steps(&base, therapy);
            assert!(
                words.iter().any(|w| w.contains(&plan.contacts)),
                "{words:?}"
            );
        }
    }
    assert!(faulty >= 1, "some trial patients have a broken contact");
}

fn report() -> CohortReport {
    cohort::run(400, 11, &Therapy::ALL)
}

#[test]
fn the_cohort_is_deterministic_and_its_rows_are_well_formed() {
    let a = report();
    assert_eq!(a, report(), "same seed, same cohort");
    assert_eq!(a.patients, 400);
    assert_eq!(a.rows.len(), 6);
    for row in &a.rows {
        assert!(["back", "leg"].contains(&row.site));
        assert!(row.patients > 200, "{row:?}");
        assert!(
            row.ci_low <= row.responder_percent && row.responder_percent <= row.ci_high,
            "{row:?}"
        );
        assert!(row.ci_high - row.ci_low < 15.0, "{row:?}");
        assert!(!row.source.is_empty());
    }
    let json = serde_json::to_value(&a).unwrap();
    let row = &json["rows"][4];
    assert_eq!(row["therapy"], "high-frequency");
    for key in [
        "site",
        "responder_percent",
        "ci_low",
        "ci_high",
        "published_percent",
        "source",
    ] {
        assert!(row.get(key).is_some(), "missing {key}");
    }
    let other = cohort::run(50, 12, &[Therapy::Burst]);
    assert_eq!(other.rows.len(), 2);
    assert!(other.rows.iter().all(|r| r.therapy == Therapy::Burst));
}

#[test]
fn responder_rates_stand_near_the_published_ones_and_in_their_order() {
    let r = report();
    let rate = |t: Therapy, site: &str| {
        r.rows
            .iter()
            .find(|row| row.therapy == t && row.site == site)
            .unwrap()
            .clone()
    };
    for site in ["back", "leg"] {
        let (tonic, burst, hf) = (
            rate(Therapy::Tonic, site),
            rate(Therapy::Burst, site),
            rate(Therapy::HighFrequency, site),
        );
        // SENZA-RCT: 10 kHz beats tonic at both sites.
        assert!(hf.ci_low > tonic.ci_high, "{site}: {hf:?} vs {tonic:?}");
        // SUNBURST: burst relieves more than tonic.
        assert!(
            burst.mean_relief_percent > tonic.mean_relief_percent,
            "{site}: {burst:?} vs {tonic:?}"
        );
        for row in [&tonic, &hf] {
            let published = row.published_percent.unwrap();
            assert!(
                (row.responder_percent - published).abs() <= 15.0,
                "{site} {}: {:.1} % vs published {published} %",
                row.therapy,
                row.responder_percent
            );
        }
        assert!(burst.published_percent.is_none());
    }
    // Tonic relieves legs more often than the low back (hard to cover).
    assert!(
        rate(Therapy::Tonic, "leg").responder_percent
            > rate(Therapy::Tonic, "back").responder_percent
    );
}

#[test]
fn wilson_intervals_match_the_textbook() {
    let (lo, hi) = cohort::wilson(50, 100);
    assert!(
        (lo - 40.38).abs() < 0.05 && (hi - 59.62).abs() < 0.05,
        "{lo} {hi}"
    );
    let (lo, hi) = cohort::wilson(0, 20);
    assert!(lo == 0.0 && (hi - 16.11).abs() < 0.05, "{lo} {hi}");
    assert_eq!(cohort::wilson(0, 0), (0.0, 100.0));
}
