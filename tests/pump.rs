//! The intrathecal drug pump held to REFERENCES-IDDS: the pump's arithmetic (dose =
//! concentration × rate, the rate floor, transit delay = dead volume ÷ rate, the expected
//! residual, lockout and daily cap), its alarms, the CSF pharmacology's clearances and
//! half-lives, and each safety event's signs; and the command line with pump patients.
#![allow(clippy::unwrap_used)]

use scs_sim::implant::pump::device::DAY_S;
use scs_sim::implant::pump::{
    Alarm, BolusLimits, Kit, Mode, Port, PumpEdit, PumpEvent, PumpKey, PumpRefusal, RefillStep,
};
use scs_sim::library;
use scs_sim::patient::pharmacology::effects::Sign;
use scs_sim::patient::pharmacology::{Delivery, Drug, Pharmacology};
use scs_sim::patient::spine::Vertebra;
use scs_sim::session::{Command, ProgrammerEdit, Refusal, RemoteKey, Role, Session, WorldEvent};
use std::process::Command as Process;

const H: f64 = 3600.0;

fn session(id: &str) -> Session {
    let (p, i) = library::open(id).unwrap();
    Session::hosting(p, i, Role::Clinician, 1)
}

fn edit(s: &mut Session, e: PumpEdit) -> Result<(), Refusal> {
    s.apply_as(Role::Clinician, ProgrammerEdit::Pump(e))
        .map(|_| ())
}

fn event(s: &mut Session, e: PumpEvent) {
    s.apply_as(Role::Teacher, WorldEvent::Pump(e)).unwrap();
}

fn bolus(s: &mut Session) -> Result<(), Refusal> {
    s.apply_as(Role::Patient, RemoteKey::Pump(PumpKey::Bolus))
        .map(|_| ())
}

fn pump(s: &Session) -> &scs_sim::implant::pump::Pump {
    &s.implant().pump().unwrap().pump
}

fn effects(s: &Session) -> scs_sim::patient::pharmacology::Effects {
    s.implant().pump().unwrap().effects(&s.patient)
}

fn cli(args: &[&str]) -> (i32, String, String) {
    let out = Process::new(env!("CARGO_BIN_EXE_scs-sim"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

// ---- the pump's arithmetic ----

#[test]
fn the_rate_is_the_dose_divided_by_the_concentration() {
    let mut s = session("pump-cancer-morphine");
    // 25 mg/mL at 10 mg/day: 0.4 mL/day.
    assert_eq!(pump(&s).rate_ml_per_day(0.0), 10.0 / 25.0);
    edit(&mut s, PumpEdit::SetDailyDose(7.5)).unwrap();
    assert_eq!(pump(&s).rate_ml_per_day(0.0), 7.5 / 25.0);
    // Dose = concentration × rate, exactly as printed.
    let p = pump(&s);
    assert_eq!(
        p.programmed.concentration_mg_per_ml * p.rate_ml_per_day(0.0),
        7.5
    );
    // A new concentration keeps the dose and recomputes the rate.
    edit(
        &mut s,
        PumpEdit::SetDrug {
            drug: Drug::Morphine,
            concentration_mg_per_ml: 10.0,
        },
    )
    .unwrap();
    assert_eq!(pump(&s).rate_ml_per_day(0.0), 0.75);
}

#[test]
fn the_rate_floor_is_0_048_ml_a_day() {
    let mut s = session("pump-ziconotide");
    // 25 µg/mL at 1.2 µg/day is the floor itself (prialt.com).
    assert!((pump(&s).rate_ml_per_day(0.0) - 0.048).abs() < 1e-12);
    let e = edit(&mut s, PumpEdit::SetDailyDose(0.001)).unwrap_err();
    assert!(
        matches!(e, Refusal::Pump(PumpRefusal::BelowMinimumRate { .. })),
        "{e}"
    );
    assert!(e.to_string().contains("0.048 mL/day"), "{e}");
}

#[test]
fn a_new_concentration_reaches_the_tip_after_dead_volume_over_rate() {
    let mut s = session("pump-hydromorphone");
    // 0.18 mL of catheter at 0.2 mL/day (exact flow): 0.9 days.
    event(&mut s, PumpEvent::FlowFactor(1.0));
    refill_with(&mut s, Drug::Hydromorphone, 5.0, 15.0, 0);
    edit(
        &mut s,
        PumpEdit::SetDrug {
            drug: Drug::Hydromorphone,
            concentration_mg_per_ml: 5.0,
        },
    )
    .unwrap();
    let t0 = s.t_s;
    let p = pump(&s);
    let rate = p.rate_ml_per_day(t0);
    assert_eq!(rate, 2.0 / 5.0);
    let transit = p.catheter.dead_volume_ml / rate * DAY_S;
    let old = |s: &Session| pump(s).catheter.at_tip().unwrap().concentration_mg_per_ml == 10.0;
    s.advance_to(t0 + transit - 120.0);
    assert!(old(&s), "the old drug is still at the tip just before");
    s.advance_to(t0 + transit + 120.0);
    assert!(!old(&s), "the new drug has reached the tip just after");
}

/// Interrogate, begin, needle into the reservoir, aspirate, fill, update: the
/// aspirated volume is returned.
fn refill_with(s: &mut Session, drug: Drug, conc: f64, volume: f64, misses: u32) -> f64 {
    event(s, PumpEvent::NeedleMisses(misses));
    edit(s, PumpEdit::Interrogate).unwrap();
    edit(s, PumpEdit::Refill(RefillStep::Begin)).unwrap();
    edit(
        s,
        PumpEdit::Refill(RefillStep::InsertNeedle {
            port: Port::Reservoir,
            kit: Kit::Refill,
        }),
    )
    .unwrap();
    edit(s, PumpEdit::Refill(RefillStep::Aspirate)).unwrap();
    let returned = pump(s).refill.as_ref().unwrap().returned_ml.unwrap();
    edit(
        s,
        PumpEdit::Refill(RefillStep::Fill {
            drug,
            concentration_mg_per_ml: conc,
            volume_ml: volume,
        }),
    )
    .unwrap();
    edit(
        s,
        PumpEdit::Refill(RefillStep::Finish { volume_ml: volume }),
    )
    .unwrap();
    returned
}

#[test]
fn the_expected_residual_is_the_record_and_a_discrepancy_is_flagged() {
    // 20 mL pump, 9 mL, 0.2 mL/day: after 20 days the record says 5.0 mL.
    let mut s = session("pump-hydromorphone");
    event(&mut s, PumpEvent::FlowFactor(1.0));
    s.advance_to(20.0 * DAY_S);
    assert!((pump(&s).record_ml - 5.0).abs() < 1e-9);
    edit(&mut s, PumpEdit::Interrogate).unwrap();
    edit(&mut s, PumpEdit::Refill(RefillStep::Begin)).unwrap();
    assert!((pump(&s).refill.as_ref().unwrap().expected_ml - 5.0).abs() < 1e-9);

    // Over-infusion (+30 %): 9 − 5.2 = 3.8 mL come back, 1.2 mL short of 5.0: over the
    // 1 mL limit of a 20 mL pump.
    let mut s = session("pump-hydromorphone");
    event(&mut s, PumpEvent::FlowFactor(1.3));
    s.advance_to(20.0 * DAY_S);
    let returned = refill_with(&mut s, Drug::Hydromorphone, 10.0, 20.0, 0);
    assert_eq!(returned, 3.8);
    let r = pump(&s).last_refill.clone().unwrap();
    assert!((r.discrepancy_ml.unwrap() + 1.2).abs() < 1e-9);
    assert_eq!(pump(&s).discrepancy_limit_ml(), 1.0);

    // An occluded catheter delivers nothing: more comes back than expected.
    let mut s = session("pump-hydromorphone");
    event(&mut s, PumpEvent::FlowFactor(1.0));
    event(&mut s, PumpEvent::Occlusion(true));
    s.advance_to(10.0 * DAY_S);
    let returned = refill_with(&mut s, Drug::Hydromorphone, 10.0, 20.0, 0);
    assert_eq!(returned, 9.0);
    assert!(
        pump(&s)
            .last_refill
            .as_ref()
            .unwrap()
            .discrepancy_ml
            .unwrap()
            > 1.0
    );

    // A 40 mL pump's limit is 2 mL.
    assert_eq!(
        pump(&session("pump-cancer-morphine")).discrepancy_limit_ml(),
        2.0
    );
}

#[test]
fn lockout_and_daily_cap_refuse_with_the_time_of_the_next_dose() {
    // 0.5 mg, lockout 4 h, at most 4 a day; the session's clock starts at 08:00.
    let mut s = session("pump-cancer-morphine");
    s.role = Role::Patient;
    bolus(&mut s).unwrap();
    s.advance_to(1.0 * H);
    let e = bolus(&mut s).unwrap_err();
    match &e {
        Refusal::Pump(PumpRefusal::Lockout { next_at_s, wait_s }) => {
            assert_eq!(*next_at_s, 4.0 * H);
            assert_eq!(*wait_s, 3.0 * H);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(e.to_string(), "Next dose available at 12:00 (in 3 h)");
    for h in [4.0, 8.0, 12.0] {
        s.advance_to(h * H);
        bolus(&mut s).unwrap();
    }
    s.advance_to(16.0 * H);
    let e = bolus(&mut s).unwrap_err();
    match &e {
        Refusal::Pump(PumpRefusal::DailyLimit { next_at_s, .. }) => {
            assert_eq!(*next_at_s, 24.0 * H)
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        e.to_string(),
        "Daily limit reached: next dose available at 08:00 on day 2 (in 8 h)"
    );
    s.advance_to(24.0 * H);
    bolus(&mut s).unwrap();
    // Four boluses of 0.5 mg at 25 mg/mL: 0.02 mL each came out of the record.
    assert_eq!(pump(&s).denied_boluses, 2);
}

#[test]
fn boluses_are_refused_for_baclofen_and_when_none_is_set() {
    let mut s = session("pump-baclofen");
    let e = bolus(&mut s).unwrap_err();
    assert_eq!(
        e,
        Refusal::Pump(PumpRefusal::NoBolusForDrug(Drug::Baclofen))
    );
    assert_eq!(
        e.to_string(),
        "Your pump cannot give extra doses of baclofen"
    );
    let limits = BolusLimits {
        dose_mg: 0.05,
        lockout_h: 4.0,
        max_per_day: 2,
    };
    assert!(edit(&mut s, PumpEdit::SetBolus(Some(limits))).is_err());
    let mut s = session("pump-hydromorphone");
    assert_eq!(
        bolus(&mut s).unwrap_err(),
        Refusal::Pump(PumpRefusal::NoBolus)
    );
    // Opioid boluses are contraindicated in an opioid-naïve patient.
    let mut s = session("pump-ziconotide");
    refill_with(&mut s, Drug::Morphine, 1.0, 10.0, 0);
    edit(&mut s, PumpEdit::SetMode(Mode::Stopped)).unwrap();
    edit(
        &mut s,
        PumpEdit::SetDrug {
            drug: Drug::Morphine,
            concentration_mg_per_ml: 1.0,
        },
    )
    .unwrap();
    assert_eq!(
        edit(&mut s, PumpEdit::SetBolus(Some(limits))).unwrap_err(),
        Refusal::Pump(PumpRefusal::OpioidNaive)
    );
}

#[test]
fn ziconotide_is_titrated_slowly_to_at_most_19_2_micrograms() {
    let mut s = session("pump-ziconotide");
    let ug = |v: f64| v / 1000.0;
    let refused = |s: &mut Session, d: f64| {
        matches!(
            edit(s, PumpEdit::SetDailyDose(ug(d))),
            Err(Refusal::Pump(PumpRefusal::Ziconotide(_)))
        )
    };
    assert!(refused(&mut s, 4.0), "a step of 2.8 µg/day is too big");
    edit(&mut s, PumpEdit::SetDailyDose(ug(3.6))).unwrap();
    s.advance_to(2.0 * DAY_S);
    edit(&mut s, PumpEdit::SetDailyDose(ug(6.0))).unwrap();
    s.advance_to(4.0 * DAY_S);
    edit(&mut s, PumpEdit::SetDailyDose(ug(8.4))).unwrap();
    s.advance_to(5.0 * DAY_S);
    assert!(refused(&mut s, 10.8), "a fourth rise within 7 days");
    s.advance_to(10.0 * DAY_S);
    edit(&mut s, PumpEdit::SetDailyDose(ug(10.8))).unwrap();
    // 19.2 µg/day is the ceiling, whatever the steps.
    assert!(refused(&mut s, 19.3) || refused(&mut s, 21.6));
    let p = pump(&s);
    assert!(scs_sim::implant::pump::rules::ziconotide(p, ug(19.3), s.t_s).is_err());
}

#[test]
fn alarms_low_empty_eri_then_stop_stall_and_mri() {
    // 11 mL, 0.4 mL/day, alarm at 4 mL: the record reaches it at 17.5 days.
    let mut s = session("pump-cancer-morphine");
    let low = |s: &Session| {
        pump(s)
            .alarms
            .iter()
            .any(|a| matches!(a, Alarm::LowReservoir { .. }))
    };
    s.advance_to(17.4 * DAY_S);
    assert!(!low(&s));
    s.advance_to(17.6 * DAY_S);
    assert!(low(&s));
    s.advance_to(27.6 * DAY_S);
    assert!(pump(&s).alarms.contains(&Alarm::EmptyReservoir));

    // ERI, then delivery stops 90 days later.
    let mut s = session("pump-baclofen");
    event(&mut s, PumpEvent::Reservoir(20.0));
    event(&mut s, PumpEvent::EriInDays(1.0));
    s.advance_to(2.0 * DAY_S);
    assert!(
        pump(&s)
            .alarms
            .iter()
            .any(|a| matches!(a, Alarm::ElectiveReplacement { .. }))
    );
    s.advance_to(90.5 * DAY_S);
    assert_ne!(pump(&s).not_delivering(s.t_s), Some("end of service"));
    s.advance_to(91.5 * DAY_S);
    assert!(pump(&s).alarms.contains(&Alarm::EndOfService));
    event(&mut s, PumpEvent::Reservoir(20.0));
    let before = pump(&s).delivered_mg;
    s.advance_to(92.0 * DAY_S);
    assert_eq!(
        pump(&s).delivered_mg,
        before,
        "nothing after end of service"
    );

    // Motor stall stops delivery.
    let mut s = session("pump-baclofen");
    event(&mut s, PumpEvent::MotorStall(true));
    let before = pump(&s).delivered_mg;
    s.advance_to(H);
    assert!(pump(&s).alarms.contains(&Alarm::MotorStall));
    assert_eq!(pump(&s).delivered_mg, before);
}

#[test]
fn mri_stops_the_rotor_and_an_alarming_pump_waits_for_interrogation() {
    let delivered = |s: &Session| pump(s).delivered_mg.iter().sum::<f64>();
    // Not alarming: it resumes at the exit.
    let mut s = session("pump-baclofen");
    event(&mut s, PumpEvent::Mri(true));
    let before = delivered(&s);
    s.advance_to(H);
    assert_eq!(delivered(&s), before, "stopped in the magnet");
    event(&mut s, PumpEvent::Mri(false));
    s.advance_to(2.0 * H);
    assert!(delivered(&s) > before);
    // Alarming (low reservoir): held until interrogated.
    let mut s = session("pump-baclofen");
    event(&mut s, PumpEvent::Reservoir(1.5));
    event(&mut s, PumpEvent::Mri(true));
    s.advance_to(H);
    event(&mut s, PumpEvent::Mri(false));
    let before = delivered(&s);
    s.advance_to(3.0 * H);
    assert_eq!(delivered(&s), before, "held after the scan");
    assert!(pump(&s).alarms.contains(&Alarm::HeldAfterMri));
    edit(&mut s, PumpEdit::Interrogate).unwrap();
    s.advance_to(4.0 * H);
    assert!(delivered(&s) > before, "resumed after interrogation");
}

// ---- pharmacology ----

#[test]
fn clearances_and_half_lives_are_the_published_ones() {
    // Morphine (Nordberg 1984): 0.88–1.06 mL/kg, 2.8–3.4 µL/kg/min.
    let m = Drug::Morphine;
    let (v, cl) = (m.csf_volume_ml(70.0), m.csf_clearance_ml_per_min(70.0));
    assert!((0.88 * 70.0..=1.06 * 70.0).contains(&v));
    assert!((0.0028 * 70.0..=0.0034 * 70.0).contains(&cl));
    // Ziconotide (Prialt label): 0.38 mL/min, 155 mL: 4.7 h.
    let z = Drug::Ziconotide;
    assert_eq!(z.csf_clearance_ml_per_min(70.0), 0.38);
    assert_eq!(z.csf_volume_ml(70.0), 155.0);
    assert!((z.csf_half_life_h(70.0) - std::f64::consts::LN_2 * 155.0 / 0.38 / 60.0).abs() < 1e-9);
    assert!((z.csf_half_life_h(70.0) - 4.71).abs() < 0.01);
    // Baclofen (Heetla 2016): clearance 13–80 mL/h, half-life 0.9–5 h.
    let b = Drug::Baclofen;
    let cl_h = b.csf_clearance_ml_per_min(70.0) * 60.0;
    assert!((13.0..=80.0).contains(&cl_h), "{cl_h}");
    assert!((0.9..=5.0).contains(&b.csf_half_life_h(70.0)));
}

#[test]
fn the_csf_concentration_halves_in_one_half_life_and_settles_at_dose_over_clearance() {
    for drug in [Drug::Morphine, Drug::Ziconotide, Drug::Baclofen] {
        let mut ph = Pharmacology::new(Vertebra::parse("T10").unwrap(), 70.0, false);
        let mut d = Delivery::default();
        d.bolus_mg[drug.index()] = 0.1;
        ph.step(&d, 60.0);
        let c0 = ph.csf_ng_per_ml(drug);
        let half = drug.csf_half_life_h(70.0) * 3600.0;
        let steps = (half / 60.0).round() as usize;
        for _ in 1..steps {
            ph.step(&Delivery::default(), 60.0);
        }
        let ratio = ph.csf_ng_per_ml(drug) / c0;
        assert!((ratio - 0.5).abs() < 0.01, "{drug}: {ratio}");
        // Steady state of an infusion: dose rate ÷ clearance.
        let mut ph = Pharmacology::new(Vertebra::parse("T10").unwrap(), 70.0, false);
        let mg_per_day = 0.2;
        let mut d = Delivery::default();
        d.infused_mg[drug.index()] = mg_per_day / 1440.0;
        for _ in 0..(20.0 * half / 60.0) as usize {
            ph.step(&d, 60.0);
        }
        let want = drug.steady_csf_ng_per_ml(mg_per_day, 70.0);
        assert!((ph.csf_ng_per_ml(drug) / want - 1.0).abs() < 1e-3, "{drug}");
    }
}

#[test]
fn segments_near_the_tip_get_the_drug_and_boluses_spread_further() {
    let mut ph = Pharmacology::new(Vertebra::parse("T10").unwrap(), 70.0, false);
    ph.settle(Drug::Morphine, 5.0);
    let tip = ph.tip_segment;
    let near = ph.at_segment(Drug::Morphine, tip);
    let far = ph.at_segment(Drug::Morphine, tip - 6.0);
    assert!(far < 0.1 * near, "a steep fall: {near} vs {far}");
    let k = Drug::Morphine.kinetics();
    assert!(k.bolus_spread_segments > k.infusion_spread_segments);
    // Relief lands on regions near the tip: Linda's back before her feet.
    let s = session("pump-hydromorphone");
    let pain = effects(&s).pain;
    let idx = |n: &str| scs_sim::patient::anatomy::region_index(n).unwrap();
    let relief = |r: usize| 1.0 - pain.regions[r] / s.patient.pain[r];
    assert!(relief(idx("low_back")) > relief(idx("foot_left")) + 0.1);
    // Relief along the cord (the window's bars): most at the tip, and a bolus widens the
    // band to segments the infusion hardly reaches.
    let mut s = session("pump-cancer-morphine");
    let along = |s: &Session, from_tip: f64| {
        let body = &s.implant().pump().unwrap().body;
        body.relief_at(body.tip_segment + from_tip)
    };
    let (at_tip, above) = (along(&s, 0.0), along(&s, -5.0));
    assert!(
        at_tip > above + 0.3,
        "{at_tip} at the tip, {above} five above"
    );
    bolus(&mut s).unwrap();
    s.step(3600.0);
    let after = along(&s, -5.0);
    assert!(
        after > 1.5 * above,
        "a bolus reaches further: {above} → {after}"
    );
}

fn min_rr_time(s: &mut Session, hours: f64) -> f64 {
    let (mut t_min, mut rr_min) = (0.0, f64::INFINITY);
    let t0 = s.t_s;
    let mut t = t0;
    while t < t0 + hours * H {
        t += 60.0;
        s.advance_to(t);
        let rr = effects(s).vitals.respiratory_rate_per_min;
        if rr < rr_min {
            (rr_min, t_min) = (rr, t - t0);
        }
    }
    t_min / H
}

#[test]
fn respiratory_depression_peaks_8_to_10_h_after_a_morphine_bolus_and_minutes_after_fentanyl() {
    let mut s = session("pump-cancer-morphine");
    edit(&mut s, PumpEdit::ClinicianBolus(3.0)).unwrap();
    let t = min_rr_time(&mut s, 16.0);
    assert!((8.0..=10.0).contains(&t), "morphine: {t} h");
    // Fentanyl's brainstem peak: 5–20 minutes.
    let mut ph = Pharmacology::new(Vertebra::parse("T10").unwrap(), 70.0, true);
    let mut d = Delivery::default();
    d.bolus_mg[Drug::Fentanyl.index()] = 0.025;
    ph.step(&d, 60.0);
    let mut best = (0.0, 0.0);
    for i in 1..120 {
        let b = ph.drug(Drug::Fentanyl).brainstem;
        if b > best.1 {
            best = (i as f64, b);
        }
        ph.step(&Delivery::default(), 60.0);
    }
    assert!((5.0..=20.0).contains(&best.0), "fentanyl: {} min", best.0);
}

#[test]
fn an_opioid_overdose_depresses_breathing() {
    let mut s = session("pump-cancer-morphine");
    assert!(!effects(&s).has(Sign::RespiratoryDepression));
    edit(&mut s, PumpEdit::ClinicianBolus(40.0)).unwrap();
    s.advance_to(9.0 * H);
    let e = effects(&s);
    assert!(
        e.has(Sign::Sedation) && e.has(Sign::RespiratoryDepression),
        "{:?}",
        e.signs
    );
    assert!(e.vitals.respiratory_rate_per_min < 10.0);
}

/// When each sign first appears, hours from now, within `hours`.
fn onsets(s: &mut Session, hours: f64, signs: &[Sign]) -> Vec<Option<f64>> {
    let mut out = vec![None; signs.len()];
    let t0 = s.t_s;
    let mut t = t0;
    while t < t0 + hours * H {
        t += 600.0;
        s.advance_to(t);
        let e = effects(s);
        for (o, sign) in out.iter_mut().zip(signs) {
            if o.is_none() && e.has(*sign) {
                *o = Some((t - t0) / H);
            }
        }
    }
    out
}

#[test]
fn baclofen_withdrawal_after_an_occlusion_builds_over_24_to_72_hours() {
    let mut s = session("pump-baclofen");
    assert_eq!(effects(&s).withdrawal, 0.0);
    event(&mut s, PumpEvent::Occlusion(true));
    let signs = [
        Sign::WithdrawalItch,
        Sign::ReturningSpasticity,
        Sign::Tachycardia,
        Sign::Seizures,
        Sign::HighFever,
        Sign::Rhabdomyolysis,
    ];
    let t: Vec<f64> = onsets(&mut s, 96.0, &signs)
        .into_iter()
        .map(|o| o.unwrap())
        .collect();
    // Itching and spasticity first (within a day), then tachycardia, then seizures and
    // hallucinations, then fever and muscle breakdown by about 72 h.
    assert!(t[0] < 24.0 && t[1] < 24.0, "{t:?}");
    assert!(t[2] >= t[0] && t[3] > t[2] && t[4] > t[3], "{t:?}");
    assert!(t[3] >= 24.0 && t[4] <= 80.0 && t[5] <= 80.0, "{t:?}");
    // An empty reservoir does the same, and the pump's alarm is late by its record.
    let mut s = session("pump-baclofen");
    event(&mut s, PumpEvent::FlowFactor(1.3));
    let t = onsets(&mut s, 20.0 * 24.0, &[Sign::ReturningSpasticity])[0].unwrap();
    assert!(
        t > 11.0 * 24.0,
        "6 mL at 0.52 mL/day lasts about 11.5 days: {t} h"
    );
    assert!(!pump(&s).alarms.contains(&Alarm::EmptyReservoir) || pump(&s).record_ml <= 0.0);
}

#[test]
fn clonidine_and_opioid_withdrawal_and_no_withdrawal_from_ziconotide() {
    // Clonidine stopped: rebound hypertension and a fast heart.
    let mut ph = Pharmacology::new(Vertebra::parse("T10").unwrap(), 70.0, false);
    ph.settle(Drug::Clonidine, 0.1);
    let s = session("pump-baclofen");
    let before = ph.effects(&s.patient).vitals;
    for _ in 0..(48 * 60) {
        ph.step(&Delivery::default(), 60.0);
    }
    let e = ph.effects(&s.patient);
    assert!(e.has(Sign::ReboundHypertension), "{:?}", e.signs);
    assert!(e.vitals.systolic_mmhg > before.systolic_mmhg + 20.0);
    assert!(e.vitals.heart_rate_bpm > 100.0);
    // Morphine stopped (the pump stopped): opioid withdrawal.
    let mut s = session("pump-cancer-morphine");
    edit(&mut s, PumpEdit::SetMode(Mode::Stopped)).unwrap();
    s.advance_to(2.0 * DAY_S);
    assert!(effects(&s).has(Sign::OpioidWithdrawal));
    // Ziconotide stopped: nothing.
    let mut s = session("pump-ziconotide");
    edit(&mut s, PumpEdit::SetMode(Mode::Stopped)).unwrap();
    s.advance_to(3.0 * DAY_S);
    assert_eq!(effects(&s).withdrawal, 0.0);
    assert!(!Drug::Ziconotide.withdraws() && !Drug::Bupivacaine.withdraws());
}

#[test]
fn ziconotide_overdose_gives_its_psychiatric_effects() {
    let mut s = session("pump-ziconotide");
    // Filled with 100 µg/mL but programmed as 25: four times the dose, at the maximum.
    for d in [3.6, 6.0, 8.4] {
        edit(&mut s, PumpEdit::SetDailyDose(d / 1000.0)).unwrap();
        s.advance_to(s.t_s + 2.5 * DAY_S);
    }
    refill_with(&mut s, Drug::Ziconotide, 0.1, 20.0, 0);
    s.advance_to(s.t_s + 7.0 * DAY_S);
    let e = effects(&s);
    assert!(
        e.has(Sign::Confusion) && e.has(Sign::PsychiatricEffects),
        "{:?}",
        e.signs
    );
}

#[test]
fn a_pocket_fill_goes_to_the_blood_and_leaves_the_reservoir_empty() {
    let mut s = session("pump-cancer-morphine");
    s.advance_to(H);
    let returned = refill_with(&mut s, Drug::Morphine, 25.0, 20.0, 1);
    assert_eq!(returned, 0.0, "a needle in the pocket aspirates nothing");
    let r = pump(&s).last_refill.clone().unwrap();
    assert_eq!(r.pocket_fill_mg, 500.0);
    assert!(r.filled.is_none());
    assert_eq!(pump(&s).record_ml, 20.0, "the record believes the fill");
    assert!(pump(&s).reservoir_ml < 11.0, "the reservoir got nothing");
    s.advance_to(4.0 * H);
    let e = effects(&s);
    assert!(e.has(Sign::RespiratoryDepression), "{:?}", e.signs);
}

#[test]
fn the_catheter_access_port_refuses_the_refill_needle_and_leads_straight_to_the_csf() {
    let mut s = session("pump-baclofen");
    edit(&mut s, PumpEdit::Interrogate).unwrap();
    edit(&mut s, PumpEdit::Refill(RefillStep::Begin)).unwrap();
    let e = edit(
        &mut s,
        PumpEdit::Refill(RefillStep::InsertNeedle {
            port: Port::CatheterAccess,
            kit: Kit::Refill,
        }),
    )
    .unwrap_err();
    assert_eq!(e, Refusal::Pump(PumpRefusal::CapScreen));
    edit(
        &mut s,
        PumpEdit::Refill(RefillStep::InsertNeedle {
            port: Port::CatheterAccess,
            kit: Kit::CatheterAccess,
        }),
    )
    .unwrap();
    // Injecting 2 mL of concentrated baclofen (2 mg/mL) straight into the CSF.
    edit(
        &mut s,
        PumpEdit::Refill(RefillStep::Fill {
            drug: Drug::Baclofen,
            concentration_mg_per_ml: 2.0,
            volume_ml: 2.0,
        }),
    )
    .unwrap();
    s.advance_to(2.0 * H);
    let e = effects(&s);
    assert!(
        e.has(Sign::Hypotonia) && e.has(Sign::Sedation),
        "{:?}",
        e.signs
    );
}

#[test]
fn stimulator_commands_are_refused_on_a_pump_and_pump_commands_on_a_stimulator() {
    let mut s = session("pump-baclofen");
    for c in [
        Command::from(RemoteKey::AmplitudeUp),
        ProgrammerEdit::SetAmplitude(3.0).into(),
        RemoteKey::TherapyOn.into(),
    ] {
        let e = s.apply_as(Role::Clinician, c).unwrap_err();
        assert!(matches!(e, Refusal::WrongImplant(_)), "{e}");
        assert!(e.to_string().contains("drug pump"));
    }
    assert!(s.device().is_none(), "a pump holds no stimulator");
    assert_eq!(s.instant_ma(), 0.0, "and delivers no current");
    let mut s = session("fbss");
    let e = edit(&mut s, PumpEdit::Interrogate).unwrap_err();
    assert!(matches!(e, Refusal::WrongImplant(_)), "{e}");
    assert!(s.implant().pump().is_none());
}

#[test]
fn a_pump_session_replays_exactly() {
    let mut s = session("pump-cancer-morphine");
    s.role = Role::Patient;
    bolus(&mut s).unwrap();
    s.advance_to(H);
    let _ = bolus(&mut s);
    s.advance_to(5.0 * H);
    bolus(&mut s).unwrap();
    s.advance_to(2.0 * DAY_S);
    let rec = scs_sim::session::record::Recording::of(&s, "pump-cancer-morphine");
    let r = rec.replay().unwrap();
    assert_eq!(pump(&r).record_ml, pump(&s).record_ml);
    assert_eq!(
        r.implant().pump().unwrap().body.drugs,
        s.implant().pump().unwrap().body.drugs
    );
}

// ---- command line ----

#[test]
fn eval_json_for_a_pump_patient_names_the_issue_s_fields() {
    let (code, out, err) = cli(&["eval", "--patient", "pump-cancer-morphine", "--json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    for f in [
        "implant",
        "drug",
        "concentration_mg_per_ml",
        "rate_ml_per_day",
        "daily_dose_mg",
        "reservoir_ml",
        "days_to_low_reservoir",
        "alarms",
        "csf_concentration_ng_per_ml",
        "pain_vas",
        "relief_percent",
        "side_effects",
        "warnings",
    ] {
        assert!(v.get(f).is_some(), "{f} missing");
    }
    assert_eq!(v["implant"], "pump");
    assert_eq!(v["drug"], "morphine");
    assert_eq!(v["rate_ml_per_day"], 0.4);
    assert_eq!(v["daily_dose_mg"], 10.0);
    // Steady state: 10 mg/day ÷ (3.1 µL/kg/min × 68 kg).
    let want = 10.0e6 / 1440.0 / (0.0031 * 68.0);
    let got = v["csf_concentration_ng_per_ml"].as_f64().unwrap();
    assert!((got - want).abs() < 0.1, "{got} vs {want}");
    assert_eq!(v["days_to_low_reservoir"], 17.5);
}

#[test]
fn pump_setup_flags_program_as_a_clinician_and_the_rate_gives_the_dose() {
    let (code, out, err) = cli(&[
        "eval",
        "--patient",
        "pump-hydromorphone",
        "--drug",
        "morphine",
        "--concentration-mg-per-ml",
        "20",
        "--rate-ml-per-day",
        "0.25",
        "--reservoir-ml",
        "18",
        "--bolus-mg",
        "0.4",
        "--lockout-h",
        "6",
        "--max-boluses-per-day",
        "3",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["drug"], "morphine");
    assert_eq!(v["daily_dose_mg"], 5.0);
    assert_eq!(v["reservoir_ml"], 18.0);
    assert_eq!(v["bolus"]["lockout_h"], 6.0);
    assert_eq!(v["bolus"]["max_per_day"], 3);
}

#[test]
fn a_drug_a_concentration_and_a_rate_are_one_prescription_in_any_order() {
    let flags = [
        ["--drug", "ziconotide"],
        ["--concentration-mg-per-ml", "0.025"],
        ["--rate-ml-per-day", "0.09"],
    ];
    for order in [[0, 1, 2], [2, 1, 0], [1, 2, 0]] {
        let mut args = vec!["eval", "--patient", "pump-cancer-morphine", "--json"];
        for i in order {
            args.extend(flags[i]);
        }
        let (code, out, err) = cli(&args);
        assert_eq!(code, 0, "{order:?}: {err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(v["drug"], "ziconotide");
        assert_eq!(v["rate_ml_per_day"], 0.09);
        assert!(
            (v["daily_dose_mg"].as_f64().unwrap() - 0.00225).abs() < 1e-9,
            "{v}"
        );
    }
    // A prescription the rules refuse names the flag and the rule.
    let (code, _, err) = cli(&[
        "eval",
        "--patient",
        "pump-cancer-morphine",
        "--drug",
        "ziconotide",
        "--concentration-mg-per-ml",
        "0.025",
        "--rate-ml-per-day",
        "2",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("--rate-ml-per-day refused") && err.contains("19.2 µg/day"),
        "{err}"
    );
}

#[test]
fn flags_of_the_other_implant_are_refused_with_a_sentence() {
    let (code, _, err) = cli(&["eval", "--patient", "pump-baclofen", "--amplitude-ma", "3"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("--amplitude-ma refused: patient 'pump-baclofen' has an intrathecal drug pump, not a stimulator"),
        "{err}"
    );
    let (code, _, err) = cli(&["eval", "--patient", "fbss", "--drug", "morphine"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("--drug refused: patient 'fbss' has a stimulator, not a drug pump"),
        "{err}"
    );
    let (code, _, err) = cli(&["simulate", "--seconds", "60", "--bolus-at", "10"]);
    assert_eq!(code, 1);
    assert!(err.contains("--bolus-at refused"), "{err}");
}

#[test]
fn simulate_carries_the_pump_series_and_the_refused_bolus() {
    let (code, out, err) = cli(&[
        "simulate",
        "--patient",
        "pump-cancer-morphine",
        "--seconds",
        "86400",
        "--interval-s",
        "3600",
        "--bolus-at",
        "3600",
        "--bolus-at",
        "7200",
        "--occlusion-at",
        "43200",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let rows = v["series"].as_array().unwrap();
    assert_eq!(rows.len(), 25);
    for f in [
        "reservoir_ml",
        "csf_concentration_ng_per_ml",
        "delivered_mg",
        "side_effects",
        "respiratory_rate_per_min",
    ] {
        assert!(rows[0].get(f).is_some(), "{f}");
    }
    assert_eq!(v["summary"]["boluses_given"], 1);
    let refused = &v["summary"]["refused"][0];
    assert_eq!(refused["t_s"], 7200.0);
    assert!(
        refused["message"]
            .as_str()
            .unwrap()
            .starts_with("Next dose available at 13:00")
    );
    // After the occlusion the delivered total stops growing.
    let d = |i: usize| rows[i]["delivered_mg"].as_f64().unwrap();
    assert_eq!(d(13), d(24));
    assert!(d(12) > d(1));
}
