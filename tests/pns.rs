//! Peripheral nerve stimulation held to REFERENCES-PNS.md, fact by fact: devices and
//! placement (§1), fibres and thresholds (§2), targets (§3), relief and its time course
//! (§4), safety and device rules (§5).
#![allow(clippy::unwrap_used, missing_docs)]

mod cli_support;
use cli_support::{cli, eval_json};
use scs_sim::device::Generator;
use scs_sim::device::lead::LeadModel;
use scs_sim::device::safety::WarningCode;
use scs_sim::implant::ImplantKind;
use scs_sim::library;
use scs_sim::patient::anatomy::{Side, region_index};
use scs_sim::patient::nerve::{FibreClass, Nerve, NerveSite, NerveType, territory};
use scs_sim::patient::nerve_activation::{
    NerveActivation, NerveCathode, NerveStimulus, class_threshold_ma,
};
use scs_sim::patient::nerve_response::{class_threshold, motor_threshold, perception_threshold};
use scs_sim::patient::stimulus::{Pattern, Stimulus};
use scs_sim::session::{ProgrammerEdit, Refusal, RemoteKey, Role, Session, WorldEvent};

const CEILING: f64 = 25.5;

fn site(nerve: Nerve, distance_mm: f64) -> NerveSite {
    NerveSite {
        nerve,
        side: Side::Left,
        along_mm: 10.0,
        distance_mm,
        depth_mm: 40.0,
        crossing_mm: 0.0,
    }
}

/// A single-contact lead, monopolar, `distance_mm` from `nerve`, at `pw_us`.
fn stim(nerve: Nerve, distance_mm: f64, pw_us: f64) -> (NerveActivation, NerveStimulus) {
    let stimulus = NerveStimulus {
        pulses: Stimulus {
            pattern: Pattern::Tonic,
            pulse_width_us: pw_us,
            rate_hz: 20.0,
            ..Stimulus::default()
        },
        cathodes: vec![NerveCathode {
            site: site(nerve, distance_mm),
            offset_mm: 0.0,
            fraction: 1.0,
            anode_gap_mm: None,
        }],
    };
    (NerveActivation::new(1.0, &stimulus), stimulus)
}

fn pt(nerve: Nerve, d: f64, pw: f64) -> f64 {
    let (a, s) = stim(nerve, d, pw);
    perception_threshold(&a, &s, CEILING).unwrap()
}

fn session(id: &str) -> Session {
    let (p, d) = library::find(id).unwrap();
    let mut s = Session::new(p, d, Role::Clinician, 1);
    s.set_noise(0.0);
    s
}

fn at(s: &mut Session, ma: f64) {
    s.apply(ProgrammerEdit::SetAmplitude(ma)).unwrap();
    s.apply(RemoteKey::TherapyOn).unwrap();
}

// §1 Devices and placement

#[test]
fn percutaneous_leads_are_single_coiled_contacts_on_an_external_generator_with_a_skin_return() {
    let s = session("phantom-limb");
    assert_eq!(s.implant().kind(), ImplantKind::Pns);
    let d = s.device().unwrap();
    assert_eq!(d.nerve_leads.len(), 2);
    for l in &d.nerve_leads {
        assert_eq!(l.model, LeadModel::Coiled);
        assert_eq!(l.model.contacts(), 1);
    }
    assert_eq!(d.generator(), Generator::External);
    assert!(
        d.program().electrodes.case_anode,
        "monopolar: the skin pad is the anode"
    );
    assert_eq!(d.contacts_code(), "-/-");
    assert!(
        (scs_sim::device::lead::COILED_WIRE_MM - 0.2).abs() < 1e-9,
        "about 0.2 mm across"
    );
    assert_eq!(scs_sim::device::lead::PERCUTANEOUS_MAX_DAYS, 60.0);
    // Placed at a distance: femoral 0.5–1.0 cm, sciatic 1.0–3.0 cm.
    let femoral = d.nerve_leads[0].site;
    let sciatic = d.nerve_leads[1].site;
    assert_eq!(
        (femoral.nerve, sciatic.nerve),
        (Nerve::Femoral, Nerve::Sciatic)
    );
    assert!((5.0..=10.0).contains(&femoral.distance_mm));
    assert!((10.0..=30.0).contains(&sciatic.distance_mm));
}

#[test]
fn a_single_contact_lead_has_no_second_contact_and_mr_is_unsafe_while_it_is_in() {
    let mut s = session("shoulder-axillary");
    let e = s.apply(ProgrammerEdit::SetContacts {
        code: "0-000000".into(),
        case_anode: true,
    });
    assert!(
        matches!(
            e,
            Err(Refusal::NoSuchContact {
                lead: 0,
                contact: 1
            })
        ),
        "{e:?}"
    );
    assert_eq!(s.device().unwrap().contacts_code(), "-");
    assert_eq!(
        s.apply_as(Role::Patient, RemoteKey::MriMode(true)),
        Err(Refusal::MrUnsafe)
    );
    // An implanted generator (occipital nerve stimulation) keeps MRI mode.
    let mut ons = session("occipital-neuralgia");
    assert!(
        ons.apply_as(Role::Patient, RemoteKey::MriMode(true))
            .is_ok()
    );
}

#[test]
fn remote_targeting_reaches_large_sensory_fibres_at_the_placement_distances() {
    // Femoral 0.5–1.0 cm and sciatic 1.0–3.0 cm: tingling within the device's range.
    for d in [5.0, 10.0] {
        assert!(pt(Nerve::Femoral, d, 200.0) < 10.0, "femoral at {d} mm");
    }
    for d in [10.0, 20.0, 30.0] {
        assert!(pt(Nerve::Sciatic, d, 200.0) < CEILING, "sciatic at {d} mm");
    }
    // Far from the nerve the gap between tingling (Aβ) and pain fibres (Aδ) widens: a
    // distant contact reaches large sensory fibres without small pain fibres.
    let window = |d: f64| {
        let (a, _) = stim(Nerve::Femoral, d, 200.0);
        let abeta = class_threshold(&a, FibreClass::ABeta, 0.5, 200.0).unwrap();
        let adelta = class_threshold(&a, FibreClass::ADelta, 0.5, 200.0).unwrap();
        adelta / abeta
    };
    assert!(
        window(10.0) > window(1.0) + 0.2,
        "{} vs {}",
        window(10.0),
        window(1.0)
    );
    assert!(window(20.0) > window(10.0));
}

#[test]
fn occipital_nerve_stimulation_is_a_cylindrical_lead_across_the_nerve_at_c1_with_a_wide_usage_range()
 {
    let s = session("occipital-neuralgia");
    let d = s.device().unwrap();
    assert_eq!(d.nerve_leads[0].model, LeadModel::Cylindrical);
    assert_eq!(d.nerve_leads[0].site.nerve, Nerve::GreaterOccipital);
    assert_eq!(d.generator(), Generator::Implanted);
    // Trentman 2008: perception ≈ 1.1 V, discomfort ≈ 3.6 V: about 3×.
    let (pt, dt) = (
        s.perception_threshold().unwrap(),
        s.discomfort_threshold().unwrap(),
    );
    let range = dt / pt;
    assert!((2.5..=4.5).contains(&range), "usage range {range}");
    // In volts at the lead's impedance, perception is near a volt.
    let volts = pt * 1e-3 * s.device().unwrap().safety().impedance_ohm;
    assert!((0.3..=3.0).contains(&volts), "perception at {volts} V");
}

// §2 Fibres and thresholds

#[test]
fn fibre_classes_have_their_textbook_sizes_and_speeds() {
    assert_eq!(FibreClass::AAlpha.diameter_um(), (12.0, 20.0));
    assert_eq!(FibreClass::ABeta.diameter_um(), (5.0, 15.0));
    assert_eq!(FibreClass::ADelta.diameter_um(), (3.0, 8.0));
    assert_eq!(FibreClass::C.diameter_um(), (0.2, 1.5));
    assert_eq!(FibreClass::AAlpha.velocity_m_s(), (70.0, 120.0));
    assert_eq!(FibreClass::C.velocity_m_s(), (0.5, 2.5));
    for c in [FibreClass::AAlpha, FibreClass::ABeta] {
        let (d0, d1) = c.diameter_um();
        let (v0, v1) = c.velocity_m_s();
        let per_um = (v0 + v1) / (d0 + d1);
        assert!((4.5..=7.0).contains(&per_um), "{c:?}: {per_um} m/s per µm");
    }
    assert!(!FibreClass::C.myelinated() && FibreClass::ADelta.myelinated());
    assert!(!FibreClass::AAlpha.sensory() && FibreClass::ABeta.sensory());
}

#[test]
fn larger_fibres_are_recruited_first() {
    for d in [0.0, 1.0, 3.0, 10.0, 25.0] {
        for pw in [60.0, 200.0, 500.0] {
            let (a, _) = stim(Nerve::Femoral, d, pw);
            let th = |c| class_threshold(&a, c, 0.5, 1e4).unwrap();
            let (ab, ad, c) = (
                th(FibreClass::ABeta),
                th(FibreClass::ADelta),
                th(FibreClass::C),
            );
            assert!(ab < ad && ad < c, "{d} mm {pw} µs: Aβ {ab} Aδ {ad} C {c}");
        }
    }
}

#[test]
fn in_a_mixed_nerve_tingling_comes_before_a_twitch() {
    for nerve in [
        Nerve::Femoral,
        Nerve::Sciatic,
        Nerve::LumbarMedialBranch,
        Nerve::Axillary,
    ] {
        for d in [1.0, 5.0, 10.0, 20.0] {
            for pw in [100.0, 200.0, 400.0] {
                let (a, s) = stim(nerve, d, pw);
                let p = perception_threshold(&a, &s, 1e4).unwrap();
                let m = motor_threshold(&a, 1e4).unwrap();
                assert!(p < m, "{nerve} {d} mm {pw} µs: PT {p} MT {m}");
            }
        }
    }
}

/// Chronaxie implied by thresholds at two pulse widths under I = I_rh (1 + c/PW):
/// i1 / i2 = (1 + c/pw1) / (1 + c/pw2), so c = (i1 − i2) / (i2/pw1 − i1/pw2).
fn chronaxie(i1: f64, pw1: f64, i2: f64, pw2: f64) -> f64 {
    (i1 - i2) / (i2 / pw1 - i1 / pw2)
}

#[test]
fn strength_duration_holds_with_chronaxies_that_grow_with_distance() {
    for class in FibreClass::ALL {
        let near = [60.0, 200.0, 1000.0].map(|pw| class_threshold_ma(class, 0.2, pw));
        assert!(
            near[0] > near[1] && near[1] > near[2],
            "{class:?}: {near:?}"
        );
        // Charge (I·PW) still grows with the pulse width.
        assert!(near[0] * 60.0 < near[2] * 1000.0);
    }
    let c = |class, r: f64| {
        let i1 = class_threshold_ma(class, r, 100.0);
        let i2 = class_threshold_ma(class, r, 500.0);
        chronaxie(i1, 100.0, i2, 500.0)
    };
    // REFERENCES §7 (moved from Ranck's 20–220 µs of microelectrode work): human
    // peripheral axons have chronaxies of hundreds of µs (Mogyoros 1996), see
    // `motor_and_sensory_chronaxies_are_the_human_ones` below.
    for class in [FibreClass::AAlpha, FibreClass::ABeta, FibreClass::ADelta] {
        let near = c(class, 0.2);
        assert!(
            (250.0..=900.0).contains(&near),
            "{class:?} near: {near} µs (Mogyoros)"
        );
        assert!(
            c(class, 15.0) > 1.3 * near,
            "{class:?}: longer far away (Rattay)"
        );
    }
    // Sensory and motor responses differ in chronaxie (Mogyoros 1996): sensory longer.
    assert!(c(FibreClass::ABeta, 1.0) > c(FibreClass::AAlpha, 1.0));
}

#[test]
fn longer_pulses_widen_the_gap_between_tingling_and_twitch() {
    let ratio = |pw| {
        let (a, s) = stim(Nerve::Femoral, 5.0, pw);
        motor_threshold(&a, 1e4).unwrap() / perception_threshold(&a, &s, 1e4).unwrap()
    };
    assert!(
        ratio(500.0) > ratio(60.0),
        "{} vs {}",
        ratio(500.0),
        ratio(60.0)
    );
}

#[test]
fn thresholds_are_flat_near_contact_and_grow_with_about_the_square_of_distance_beyond() {
    let th = |d: f64| pt(Nerve::Femoral, d, 200.0);
    let slope = |a: f64, b: f64| (th(b) / th(a)).ln() / (b / a).ln();
    let near = slope(0.25, 0.5);
    assert!(near < 0.5, "0.25–0.5 mm: d^{near}");
    // The flat zone reaches 3 mm (REFERENCES §7's near-nerve thresholds): 3–10 mm is the
    // bend, 10–30 mm the square law.
    for (a, b, low) in [(3.0, 10.0, 1.35), (10.0, 30.0, 1.5)] {
        let k = slope(a, b);
        assert!((low..=2.2).contains(&k), "{a}–{b} mm: d^{k}");
    }
    // Per class, too (the bare law).
    for class in [FibreClass::AAlpha, FibreClass::ABeta, FibreClass::ADelta] {
        let t = |r: f64| class_threshold_ma(class, r, 200.0);
        let near = (t(0.3) / t(0.1)).ln() / 3f64.ln();
        assert!(near < 0.2, "{class:?} flat near contact: d^{near}");
        let k = (t(30.0) / t(5.0)).ln() / 6f64.ln();
        assert!((1.5..=2.2).contains(&k), "{class:?}: d^{k}");
    }
}

#[test]
fn a_needle_at_the_nerve_reaches_motor_axons_at_a_tenth_of_a_milliampere() {
    // Wiesmann 2014: 0.12 / 0.10 / 0.06 mA at 0.1 / 0.3 / 1.0 ms.
    let mt = |pw| {
        let (a, _) = stim(Nerve::Axillary, 0.0, pw);
        motor_threshold(&a, CEILING).unwrap()
    };
    let (a, b, c) = (mt(100.0), mt(300.0), mt(1000.0));
    assert!(a > b && b > c, "{a} {b} {c}");
    // Moved by REFERENCES §7: with the human motor chronaxie (459 ± 126 µs, Mogyoros 1996)
    // Weiss's law gives 0.1 ms / 1.0 ms = 3.2–4.3 rather than Wiesmann's 2.
    assert!(
        (2.6..=4.5).contains(&(a / c)),
        "0.1 ms / 1.0 ms = {}",
        a / c
    );
    assert!((0.02..=0.6).contains(&a), "{a} mA at 0.1 ms");
}

#[test]
fn inside_the_nerve_thresholds_are_about_half_of_just_outside() {
    // Bigeleisen 2009: 0.30 vs 0.60 mA.
    let inside = pt(Nerve::Sciatic, -0.1, 100.0);
    let outside = pt(Nerve::Sciatic, 0.1, 100.0);
    let r = inside / outside;
    assert!((0.35..=0.7).contains(&r), "inside/outside {r}");
    let (a, s) = stim(Nerve::Sciatic, -0.1, 100.0);
    let said = scs_sim::patient::nerve_response::perceive(&a, &s, 1.0)
        .0
        .side_effects;
    assert!(
        said.iter().any(|e| e.contains("inside the nerve")),
        "{said:?}"
    );
}

// §2 again, with REFERENCES §7 (v3): nerve-locator thresholds and human chronaxies

/// Twitch threshold of a single point cathode `distance_mm` outside `nerve` (negative:
/// inside it) at `pw_us`, mA.
fn twitch(nerve: Nerve, distance_mm: f64, pw_us: f64) -> f64 {
    let (a, _) = stim(nerve, distance_mm, pw_us);
    motor_threshold(&a, 1e4).unwrap()
}

/// Klein et al. 2012 (a twitch at 0.3–0.5 mA means the needle is close, > 0.5–1 mA
/// millimetres away), Tsai et al. 2008 (pig sciatic: 0.92 ± 0.33 mA at 1 mm, 0.39 ± 0.33
/// on the epineurium) and Hadzic et al. 2004 (visible twitch from 0.29–0.32 ± 0.1 mA),
/// all at 0.1 ms: a needle 0.5–1 mm outside a femoral or axillary nerve twitches its
/// muscle at 0.3–1.3 mA, not a tenth of a milliampere. (The human sciatic, 14 mm across
/// with its motor fascicles deep, needs more; it is not held to the pig's figure.)
#[test]
fn a_twitch_from_just_outside_the_nerve_needs_the_nerve_locator_s_current() {
    for nerve in [Nerve::Femoral, Nerve::Axillary] {
        for d in [0.5, 1.0] {
            let ma = twitch(nerve, d, 100.0);
            assert!((0.3..=1.3).contains(&ma), "{nerve} at {d} mm: {ma} mA");
        }
        // Further out it takes more (millimetres away: above 0.5–1 mA).
        assert!(twitch(nerve, 3.0, 100.0) > 0.5, "{nerve} at 3 mm");
    }
}

/// Klein et al. 2012: below 0.2 mA at 0.1 ms suggests the needle is inside the nerve; so
/// outside any nerve with a muscle, even touching it, the twitch needs at least 0.2 mA,
/// and inside it needs less than outside (Tsai 2008: intraneural median 0.3 mA). The
/// nerves a locator looks for; the lumbar medial branch, a twig with the multifidus motor
/// point beside it, is not one.
#[test]
fn under_0_2_ma_a_twitch_means_inside_the_nerve() {
    for nerve in [Nerve::Femoral, Nerve::Sciatic, Nerve::Axillary] {
        let outside = twitch(nerve, 0.0, 100.0);
        assert!(outside >= 0.2, "{nerve} on the epineurium: {outside} mA");
        assert!(twitch(nerve, -0.1, 100.0) < outside, "{nerve} inside");
    }
}

/// Chronaxie implied by two thresholds under Weiss's law I = I_rh (1 + c / PW).
fn weiss_chronaxie(class: FibreClass, r_mm: f64) -> f64 {
    let (pw1, pw2) = (100.0, 1000.0);
    let (i1, i2) = (
        class_threshold_ma(class, r_mm, pw1),
        class_threshold_ma(class, r_mm, pw2),
    );
    (i1 - i2) / (i2 / pw1 - i1 / pw2)
}

/// Mogyoros, Kiernan & Burke 1996 (20 volunteers, median nerve, threshold tracking):
/// strength–duration time constant sensory 665 ± 182 µs, motor 459 ± 126 µs, Weiss's law
/// fitting; sensory axons the longer (Bostock & Rothwell 1997). Held within one standard
/// deviation at the distances a surface or percutaneous electrode meets a nerve.
#[test]
fn motor_and_sensory_chronaxies_are_the_human_ones() {
    for r in [1.0, 5.0, 10.0] {
        let motor = weiss_chronaxie(FibreClass::AAlpha, r);
        let sensory = weiss_chronaxie(FibreClass::ABeta, r);
        assert!(
            (459.0 - 126.0..=459.0 + 126.0).contains(&motor),
            "motor at {r} mm: {motor:.0} µs"
        );
        assert!(
            (665.0 - 182.0..=665.0 + 182.0).contains(&sensory),
            "sensory at {r} mm: {sensory:.0} µs"
        );
        assert!(sensory > motor);
    }
}

/// Burke, Howells & Kiernan 2017: long pulses favour tingling, short pulses (≤ 0.1 ms)
/// the twitch: the sensory threshold falls more than the motor one from 0.1 to 1 ms.
#[test]
fn long_pulses_favour_tingling_and_short_ones_the_twitch() {
    let ratio =
        |class| class_threshold_ma(class, 5.0, 100.0) / class_threshold_ma(class, 5.0, 1000.0);
    assert!(ratio(FibreClass::ABeta) > ratio(FibreClass::AAlpha));
}

// §3 Targets

#[test]
fn each_nerve_has_its_type_territory_and_motor_sign() {
    let r = |n| region_index(n).unwrap();
    let t = |n| territory(n, Side::Left);
    let gon = t(Nerve::GreaterOccipital);
    assert!(
        gon[r("scalp_left")] > 0.5 && gon[r("scalp_right")] == 0.0,
        "one side"
    );
    assert!(t(Nerve::Supraorbital)[r("forehead_left")] > 0.5);
    let fem = t(Nerve::Femoral);
    assert!(
        fem[r("thigh_left")] > 0.5 && fem[r("lower_leg_left")] > 0.0 && fem[r("foot_left")] < 0.5
    );
    let sci = t(Nerve::Sciatic);
    assert!(sci[r("foot_left")] > 0.8 && sci[r("lower_leg_left")] > 0.5);
    assert!(sci[r("lower_leg_left")] < 1.0, "not the saphenous strip");
    assert!(t(Nerve::LumbarMedialBranch)[r("low_back")] > 0.0);
    assert!(t(Nerve::Axillary)[r("shoulder_left")] > 0.5);
    assert!(t(Nerve::SuperiorCluneal)[r("buttock_left")] > 0.5);
    assert!(t(Nerve::Ilioinguinal)[r("perineum")] > 0.0);
    let kinds = [
        (
            Nerve::GreaterOccipital,
            NerveType::Sensory,
            Some(("neck muscles", false)),
        ),
        (Nerve::Supraorbital, NerveType::Sensory, None),
        (
            Nerve::Femoral,
            NerveType::Mixed,
            Some(("quadriceps", false)),
        ),
        (
            Nerve::Sciatic,
            NerveType::Mixed,
            Some(("hamstrings", false)),
        ),
        (
            Nerve::LumbarMedialBranch,
            NerveType::Mixed,
            Some(("multifidus", true)),
        ),
        (Nerve::Axillary, NerveType::Mixed, Some(("deltoid", true))),
        (Nerve::SuperiorCluneal, NerveType::Sensory, None),
        (
            Nerve::Ilioinguinal,
            NerveType::Mixed,
            Some(("abdominal wall", false)),
        ),
    ];
    for (n, kind, muscle) in kinds {
        assert_eq!(n.kind(), kind, "{n}");
        assert_eq!(n.info().muscle.map(|m| (m.words, m.wanted)), muscle, "{n}");
        assert_eq!(Nerve::parse(n.name()), Ok(n));
        let (a, _) = stim(n, 3.0, 200.0);
        assert_eq!(
            motor_threshold(&a, CEILING).is_some(),
            muscle.is_some(),
            "{n}"
        );
    }
}

#[test]
fn occipital_stimulation_is_felt_over_the_back_of_the_scalp_on_its_side_and_neck_twitches_hurt() {
    let mut s = session("occipital-neuralgia");
    let pt = s.perception_threshold().unwrap();
    at(&mut s, (1.8 * pt * 10.0).round() / 10.0);
    let v = s.steady_view();
    let p = &v.response.perception.paresthesia;
    assert!(p[region_index("scalp_left").unwrap()] > 0.3);
    assert_eq!(p[region_index("scalp_right").unwrap()], 0.0);
    assert!(v.speech.contains("left back of my head"), "{}", v.speech);
    // Above the motor threshold the neck muscles twitch: unwanted, uncomfortable.
    let mt = s.motor_threshold().unwrap();
    at(&mut s, (mt * 1.1 * 10.0).round() / 10.0);
    let v = s.steady_view();
    assert!(v.response.perception.uncomfortable && v.response.perception.twitch);
    assert!(v.speech.contains("neck muscles"), "{}", v.speech);
    assert!(v.alerts.iter().any(|w| w.code == WarningCode::Discomfort));
}

#[test]
fn multifidus_contraction_is_the_wanted_sign_for_the_medial_branch() {
    let mut s = session("medial-branch");
    let (pt, mt, dt) = (
        s.perception_threshold().unwrap(),
        s.motor_threshold().unwrap(),
        s.discomfort_threshold().unwrap(),
    );
    assert!(pt < mt && mt < dt, "PT {pt} MT {mt} DT {dt}");
    at(&mut s, ((mt + dt) / 2.0 * 10.0).round() / 10.0);
    let v = s.steady_view();
    assert!(v.response.perception.twitch && !v.response.perception.uncomfortable);
    assert!(v.speech.contains("multifidus"), "{}", v.speech);
    assert!(
        v.response
            .perception
            .side_effects
            .iter()
            .any(|e| e.contains("wanted sign"))
    );
}

// §4 Relief and time course

#[test]
fn relief_follows_coverage_of_the_painful_area() {
    let mut s = session("phantom-limb");
    // The femoral lead alone covers the stump, not the phantom foot.
    s.apply(ProgrammerEdit::SetContacts {
        code: "-".into(),
        case_anode: true,
    })
    .unwrap();
    at(&mut s, 2.5);
    let femoral = s.steady_view();
    let mut both = session("phantom-limb");
    at(&mut both, 5.5);
    let both = both.steady_view();
    assert!(!both.response.perception.uncomfortable);
    assert!(both.response.coverage > femoral.response.coverage + 0.2);
    assert!(
        both.pain.relief_percent > femoral.pain.relief_percent + 5.0,
        "both leads {:.0} % vs femoral {:.0} %",
        both.pain.relief_percent,
        femoral.pain.relief_percent
    );
}

fn relief_after(s: &mut Session, stim_s: f64, off_s: f64) -> (f64, f64) {
    s.step(stim_s);
    let on = s.view().pain.relief_percent;
    s.apply_as(Role::Patient, RemoteKey::TherapyOff).unwrap();
    s.step(off_s);
    (on, s.view().pain.relief_percent)
}

#[test]
fn relief_builds_during_stimulation_and_returns_within_hours_when_it_stops() {
    let mut s = session("occipital-neuralgia");
    at(&mut s, 2.5);
    s.step(60.0);
    let early = s.view().pain.relief_percent;
    s.step(1200.0);
    let settled = s.view().pain.relief_percent;
    assert!(settled > 30.0 && early < settled, "{early} → {settled}");
    // Wall & Sweet: relief outlasts the stimulation by more than half an hour …
    let mut s = session("occipital-neuralgia");
    at(&mut s, 2.5);
    let (on, after) = relief_after(&mut s, 1200.0, 1800.0);
    assert!(after > 0.5 * on, "{on} → {after} after 30 min");
    // … and returns toward baseline within hours.
    s.step(12.0 * 3600.0);
    assert!(s.view().pain.relief_percent < 5.0);
}

#[test]
fn the_sixty_day_percutaneous_therapy_leaves_relief_after_it_stops() {
    let run = |id: &str, ma: f64| {
        let mut s = session(id);
        at(&mut s, ma);
        relief_after(&mut s, 5.0 * 86_400.0, 2.0 * 86_400.0)
    };
    let (on, percutaneous) = run("phantom-limb", 5.5);
    let (_, implanted) = run("occipital-neuralgia", 2.5);
    assert!(on > 30.0);
    assert!(percutaneous > 10.0, "carry-over {percutaneous} %");
    assert!(implanted < 1.0, "conventional PNS {implanted} %");
}

// §5 Safety and device rules

#[test]
fn small_contacts_reach_the_charge_density_limit_fast() {
    let mut pns = session("shoulder-axillary");
    let mut scs = session("fbss");
    // The amplitude where the charge-density warning starts; None if not within 25 mA.
    let limit = |s: &mut Session| {
        let mut ma = 0.0;
        while ma < 25.0 {
            ma += 0.5;
            s.apply(ProgrammerEdit::SetAmplitude(ma)).unwrap();
            if s.device()
                .unwrap()
                .safety()
                .warnings
                .iter()
                .any(|w| w.code == WarningCode::ChargeDensity)
            {
                return Some(ma);
            }
        }
        None
    };
    let pw = 300.0;
    pns.apply(ProgrammerEdit::SetPulseWidth(pw)).unwrap();
    scs.apply(ProgrammerEdit::SetPulseWidth(pw)).unwrap();
    let pns_limit = limit(&mut pns).expect("the PNS lead reaches the limit");
    let scs_limit = limit(&mut scs).expect("the SCS lead reaches the limit within 25 mA");
    assert!(
        pns_limit < 0.6 * scs_limit,
        "PNS limit {pns_limit} mA, SCS {scs_limit} mA"
    );
}

#[test]
fn chronic_nerve_stimulation_above_30_hz_or_half_the_time_warns_but_is_not_refused() {
    let mut s = session("shoulder-axillary");
    assert!(s.apply(ProgrammerEdit::SetRate(100.0)).is_ok());
    let codes: Vec<WarningCode> = scs_sim::implant::stim::site::safety(s.device().unwrap())
        .warnings
        .iter()
        .map(|w| w.code)
        .collect();
    assert!(codes.contains(&WarningCode::NerveDuty));
    assert!(!WarningCode::NerveDuty.is_safety(), "advisory, not graded");
    s.apply(ProgrammerEdit::SetRate(20.0)).unwrap();
    s.apply(ProgrammerEdit::SetCycling(Some(
        scs_sim::device::program::Cycling {
            on_s: 30.0,
            off_s: 60.0,
        },
    )))
    .unwrap();
    assert!(
        scs_sim::implant::stim::site::safety(s.device().unwrap())
            .warnings
            .iter()
            .all(|w| w.code != WarningCode::NerveDuty)
    );
    // A spinal cord stimulator never shows it.
    let scs = session("fbss");
    assert!(
        scs_sim::implant::stim::site::safety(scs.device().unwrap())
            .warnings
            .iter()
            .all(|w| w.code != WarningCode::NerveDuty)
    );
}

#[test]
fn leads_migrate_as_world_events_and_spinal_placements_do_not_apply_at_nerves() {
    let mut s = session("occipital-neuralgia");
    s.role = Role::Teacher;
    let mut moved = s.device().unwrap().nerve_leads[0].site;
    moved.crossing_mm = 43.5;
    s.apply_as(
        Role::Teacher,
        WorldEvent::PlaceNerveLead {
            lead: 0,
            site: moved,
            deployed: true,
        },
    )
    .unwrap();
    assert_eq!(s.device().unwrap().nerve_leads[0].site.crossing_mm, 43.5);
    let spinal = WorldEvent::PlaceLead {
        lead: 0,
        placement: scs_sim::device::lead::Placement {
            level: scs_sim::device::lead::Vertebra::parse("C1").unwrap(),
            lateral_mm: 0.0,
        },
    };
    assert!(matches!(
        s.apply_as(Role::Teacher, spinal),
        Err(Refusal::WrongImplant(_))
    ));
}

#[test]
fn a_percutaneous_lead_moves_under_ultrasound_until_it_is_deployed() {
    let mut s = session("phantom-limb");
    let mut site = s.device().unwrap().nerve_leads[0].site;
    site.distance_mm = 25.0;
    s.apply_as(
        Role::Teacher,
        WorldEvent::PlaceNerveLead {
            lead: 0,
            site,
            deployed: false,
        },
    )
    .unwrap();
    s.apply(ProgrammerEdit::MoveIntroducer {
        lead: 0,
        distance_mm: 8.0,
    })
    .unwrap();
    assert_eq!(s.device().unwrap().nerve_leads[0].site.distance_mm, 8.0);
    s.apply(ProgrammerEdit::DeployLead(0)).unwrap();
    assert!(matches!(
        s.apply(ProgrammerEdit::MoveIntroducer {
            lead: 0,
            distance_mm: 6.0
        }),
        Err(Refusal::LeadDeployed { lead: 0 })
    ));
}

#[test]
fn spinal_numbers_are_untouched_by_the_new_regions() {
    // The head and face regions added for PNS are beyond any epidural lead.
    let mut s = session("cervical");
    at(&mut s, 4.0);
    let v = s.steady_view();
    for name in [
        "scalp_left",
        "scalp_right",
        "forehead_left",
        "forehead_right",
    ] {
        assert!(v.response.perception.paresthesia[region_index(name).unwrap()] < 0.01);
    }
    assert!(s.nerve_reading(4.0).is_none() && s.motor_threshold().is_none());
}

#[test]
fn the_relief_map_over_amplitude_and_distance_is_the_model_itself() {
    let s = session("phantom-limb");
    let map = s
        .stimulator()
        .unwrap()
        .nerve_relief_map(&s.patient, 21, 7, 10.0, 30.0)
        .unwrap();
    assert_eq!(map.relief.len(), 21 * 7);
    // Each cell is the steady relief of that setting (to interpolation, < 0.05 %).
    for (j, &d) in map.distances_mm.iter().enumerate().step_by(3) {
        for (i, &ma) in map.amplitudes.iter().enumerate().step_by(5) {
            let mut t = session("phantom-limb");
            let mut site = t.device().unwrap().nerve_leads[0].site;
            site.distance_mm = d;
            t.apply_as(
                Role::Teacher,
                WorldEvent::PlaceNerveLead {
                    lead: 0,
                    site,
                    deployed: true,
                },
            )
            .unwrap();
            at(&mut t, ma);
            let truth = t.steady_view().pain.relief_percent;
            let cell = map.relief[j * 21 + i];
            assert!(
                (cell - truth).abs() < 0.05,
                "{d} mm {ma} mA: {cell} vs {truth}"
            );
        }
    }
    // Further from the femoral nerve, its twitch needs more current.
    // Near the nerve a twitch can be had; once a distance has none (beyond the device's
    // reach), no farther one has.
    let mt = &map.motor_ma;
    let reached = mt.iter().take_while(|m| m.is_some()).count();
    assert!(reached >= 2, "motor thresholds near the nerve: {mt:?}");
    assert!(mt[reached..].iter().all(Option::is_none), "{mt:?}");
    let known: Vec<f64> = mt.iter().flatten().copied().collect();
    assert!(known.windows(2).all(|w| w[1] >= w[0]), "{known:?}");
    // The window over pulse width works for nerves too.
    let pw = s.stimulator().unwrap().relief_map(&s.patient, 10, 5, 10.0);
    assert_eq!(pw.relief.len(), 50);
    assert!(pw.relief.iter().any(|r| *r > 20.0));
    let fbss = session("fbss");
    assert!(
        fbss.stimulator()
            .unwrap()
            .nerve_relief_map(&fbss.patient, 10, 10, 10.0, 30.0)
            .is_none()
    );
}

// Exercises: doing nothing scores under 40, the expert way over 85.

use scs_sim::session::command::{Command, Threshold};
use scs_sim::session::record::Recording;
use scs_sim::training::exercise;
use scs_sim::training::score::{ScoreReport, score};

/// Plays `script` on the exercise's patient as its file describes them: the settings
/// below are that patient's, so the attempt does not vary.
fn play(id: &str, script: &[Command], wait_s: f64) -> ScoreReport {
    let mut ex = exercise::find(id).unwrap();
    ex.vary = Default::default();
    let mut s = ex.start_session().unwrap();
    for c in script {
        s.step(20.0);
        s.apply(c.clone()).unwrap();
    }
    s.step(wait_s);
    score(&ex, &Recording::of(&s, &ex.patient)).unwrap()
}

fn idle(id: &str) -> ScoreReport {
    play(id, &[], 300.0)
}

#[test]
fn placing_a_percutaneous_lead_under_ultrasound_is_graded() {
    let nothing = idle("pns-placement");
    assert!(!nothing.goal_met && nothing.score < 40, "{nothing:?}");
    let expert = play(
        "pns-placement",
        &[
            ProgrammerEdit::MoveIntroducer {
                lead: 0,
                distance_mm: 7.0,
            }
            .into(),
            ProgrammerEdit::SetAmplitude(5.5).into(),
            ProgrammerEdit::DeployLead(0).into(),
        ],
        600.0,
    );
    assert!(expert.goal_met, "{}", expert.goal_detail);
    assert!(expert.score > 85, "{expert:?}");
    // Too close, the quadriceps twitch before the leg is covered; left far away, the
    // femoral share never covers the thigh.
    for d in [1.0, 25.0] {
        let mut best = 0;
        for ma in [3.0, 4.0, 5.0, 6.0, 7.0, 8.0] {
            let r = play(
                "pns-placement",
                &[
                    ProgrammerEdit::MoveIntroducer {
                        lead: 0,
                        distance_mm: d,
                    }
                    .into(),
                    ProgrammerEdit::SetAmplitude(ma).into(),
                    ProgrammerEdit::DeployLead(0).into(),
                ],
                300.0,
            );
            assert!(!r.goal_met, "{d} mm {ma} mA: {}", r.goal_detail);
            best = best.max(r.score);
        }
        assert!(best < 60, "{d} mm: {best}");
    }
    // Not deployed, it does not count.
    let loose = play(
        "pns-placement",
        &[
            ProgrammerEdit::MoveIntroducer {
                lead: 0,
                distance_mm: 7.0,
            }
            .into(),
            ProgrammerEdit::SetAmplitude(5.5).into(),
        ],
        300.0,
    );
    assert!(!loose.goal_met && loose.goal_detail.contains("not deployed"));
}

#[test]
fn sensory_and_motor_thresholds_on_a_mixed_nerve_are_graded() {
    let nothing = idle("pns-window");
    assert!(!nothing.goal_met && nothing.score < 40, "{nothing:?}");
    // The expert rises 0.2 mA at a time, listening.
    let ex = exercise::find("pns-window").unwrap();
    let mut s = ex.start_session().unwrap();
    let mut ma: f64 = 1.6;
    let mut felt = false;
    while ma < 8.0 {
        s.apply(ProgrammerEdit::SetAmplitude(ma)).unwrap();
        s.step(10.0);
        let said = s.view().speech;
        if !felt && said.contains("tingling") {
            s.apply(ProgrammerEdit::MarkThreshold(Threshold::Perception))
                .unwrap();
            felt = true;
            ma += 0.6;
            continue;
        }
        if said.contains("deltoid") {
            s.apply(ProgrammerEdit::MarkThreshold(Threshold::Motor))
                .unwrap();
            break;
        }
        ma = ((ma + 0.2) * 10.0).round() / 10.0;
    }
    // A comfortable deltoid contraction is wanted here: a little above the motor threshold.
    let mt = s.motor_threshold().unwrap();
    s.apply(ProgrammerEdit::SetAmplitude(
        (mt * 1.12 * 10.0).round() / 10.0,
    ))
    .unwrap();
    s.step(600.0);
    let expert = score(&ex, &Recording::of(&s, &ex.patient)).unwrap();
    assert!(expert.goal_met, "{}", expert.goal_detail);
    assert!(expert.score > 85, "{expert:?}");
    assert!(expert.goal_detail.contains("window"));
}

#[test]
fn recovering_occipital_coverage_after_migration_is_graded() {
    let nothing = idle("ons-migration");
    assert!(!nothing.goal_met && nothing.score < 40, "{nothing:?}");
    let expert = play(
        "ons-migration",
        &[
            ProgrammerEdit::SetContacts {
                code: "00000+-+".into(),
                case_anode: false,
            }
            .into(),
            ProgrammerEdit::SetAmplitude(2.4).into(),
        ],
        600.0,
    );
    assert!(expert.goal_met, "{}", expert.goal_detail);
    assert!(expert.score > 85, "{expert:?}");
}

// The command line

#[test]
fn eval_takes_a_pns_patient_with_the_shared_flags_and_its_own() {
    let v = eval_json(&[
        "--patient",
        "phantom-limb",
        "--amplitude-ma",
        "5",
        "--pulse-width-us",
        "200",
        "--rate-hz",
        "20",
        "--waveform",
        "tonic",
        "--posture",
        "supine",
        "--pain",
        "foot_left=7",
    ]);
    assert_eq!(v["implant"], "pns");
    assert_eq!(v["nerve"], "femoral");
    assert_eq!(v["distance_mm"], 7.0);
    assert!(
        v["motor_threshold_ma"].as_f64().unwrap() > v["perception_threshold_ma"].as_f64().unwrap()
    );
    assert!(v["motor_response"].is_null());
    assert_eq!(
        v["contacts"], "-/-",
        "one character per single-contact lead"
    );
    for field in [
        "relief_percent",
        "paresthesia_coverage",
        "max_charge_density_uc_per_cm2",
        "usage_range",
    ] {
        assert!(!v[field].is_null(), "{field}");
    }
    let near = eval_json(&[
        "--patient",
        "shoulder-axillary",
        "--distance-mm",
        "2",
        "--amplitude-ma",
        "4",
    ]);
    assert_eq!(near["distance_mm"], 2.0);
    assert_eq!(near["motor_response"]["muscle"], "deltoid");
    assert_eq!(near["motor_response"]["wanted"], true);
    // A purely sensory nerve has no motor threshold.
    let sensory = eval_json(&["--patient", "shoulder-axillary", "--nerve", "supraorbital"]);
    assert!(sensory["motor_threshold_ma"].is_null());
    let scs = eval_json(&[]);
    assert_eq!(scs["implant"], "scs");
    assert!(
        scs["nerve"].is_null()
            && scs["distance_mm"].is_null()
            && scs["motor_threshold_ma"].is_null()
    );
}

#[test]
fn eval_refuses_the_other_stimulators_flags_in_one_sentence() {
    for (args, says) in [
        (
            vec!["--patient", "phantom-limb", "--lead-level", "T9"],
            "--lead-level refused",
        ),
        (
            vec!["--patient", "occipital-neuralgia", "--csf-mm", "3"],
            "--csf-mm refused",
        ),
        (
            vec!["--patient", "phantom-limb", "--lateral-mm", "1"],
            "--lateral-mm refused",
        ),
        (vec!["--distance-mm", "5"], "--distance-mm refused"),
        (vec!["--nerve", "femoral"], "--nerve refused"),
        (
            vec!["--patient", "phantom-limb", "--nerve", "ulnar"],
            "unknown nerve 'ulnar'",
        ),
        (
            vec!["--patient", "phantom-limb", "--distance-mm", "nan"],
            "not a number",
        ),
    ] {
        let mut all = vec!["eval"];
        all.extend(args);
        let out = cli(&all);
        assert_eq!(out.status.code(), Some(1), "{all:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(says) && err.lines().count() == 1,
            "{all:?}: {err}"
        );
    }
}
