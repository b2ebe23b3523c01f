//! A programming assistant: programs a patient as a competent clinician would, for the
//! debrief's "what an expert would do" and for the virtual cohort.
//!
//! - Tonic: screen guarded cathodes (+ − +) along each lead, and both leads together, for
//!   the one whose first fibres lie in the painful dermatomes; find PT and DT on the best few
//!   and settle at the comfortable amplitude (10–40 % above PT, below DT, under the
//!   charge-density and compliance limits) that relieves most; longer pulses if that is
//!   not enough.
//! - Burst: the tonic contacts, at about 70 % of the burst's own paresthesia threshold
//!   (sub-perception, De Ridder).
//! - 10 kHz: a bipole over T8–T11 (the T9–T10 disc first), 1–5 mA, no paresthesia.
//!
//! Everything is the steady state of the same physiology a session runs, so the plan's
//! relief is what a session settles to with the steps applied.

pub use super::therapy::{Therapy, UnknownTherapy};
use crate::device::Device;
use crate::device::body::stimulus;
use crate::device::impedance::Impedances;
use crate::device::lead::{CONTACTS_PER_LEAD, Electrodes, Placement, contact_area_mm2};
use crate::device::program::{MAX_AMPLITUDE_MA, Settings, Waveform};
use crate::device::safety::{CHARGE_DENSITY_LIMIT, compliance_limit_ma};
use crate::patient::activation::{Activation, Body};
use crate::patient::anatomy::{self, REGIONS};
use crate::patient::stimulus::Stimulus;
use crate::patient::{Pain, Patient, perception, respond};
use crate::session::{ProgrammerEdit, Session};

/// The program the assistant settles on, and what it does at steady state.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    /// The therapy.
    pub therapy: Therapy,
    /// Contacts in `0+-+0000/00000000` form (no case anode).
    pub contacts: String,
    /// Waveform settings, amplitude included.
    pub settings: Settings,
    /// Perception threshold of the contacts and settings, mA (none at 10 kHz).
    pub pt_ma: Option<f64>,
    /// Discomfort threshold, mA, if reached.
    pub dt_ma: Option<f64>,
    /// Steady pain with the plan running.
    pub pain: Pain,
}

/// What the assistant needs to know about a patient and an implant.
struct Scene<'a> {
    patient: &'a Patient,
    body: Body,
    placements: &'a [Placement],
    impedances: &'a Impedances,
}

/// One configuration with its fibre thresholds.
struct Candidate {
    code: String,
    electrodes: Electrodes,
    settings: Settings,
    stimulus: Stimulus,
    activation: Activation,
}

impl Scene<'_> {
    /// The configuration `code` with `settings`, unless it uses a disabled contact.
    fn candidate(&self, code: &str, settings: Settings) -> Option<Candidate> {
        let electrodes = Electrodes::parse(code, false).ok()?;
        let disabled = electrodes.active().iter().any(|c| {
            c.lead >= self.placements.len() || self.impedances.fault(c.lead, c.contact).is_some()
        });
        if disabled {
            return None;
        }
        let stimulus = stimulus(&settings, &electrodes, self.placements);
        let activation = Activation::new(&self.body, &stimulus);
        Some(Candidate {
            code: code.to_string(),
            electrodes,
            settings,
            stimulus,
            activation,
        })
    }

    /// Steady pain of `c` at `ma`.
    fn pain(&self, c: &Candidate, ma: f64, dt: Option<f64>) -> Pain {
        respond(self.patient, &c.activation, &c.stimulus, ma, dt).steady_pain(self.patient)
    }

    /// Highest amplitude a careful clinician programs on `c`: under the charge-density
    /// limit and inside compliance, mA.
    fn ceiling_ma(&self, c: &Candidate) -> f64 {
        let share = c
            .electrodes
            .active()
            .iter()
            .filter(|a| a.polarity == crate::device::lead::Polarity::Cathode)
            .map(|a| a.fraction)
            .fold(0.0, f64::max)
            .max(1e-6);
        let cd = CHARGE_DENSITY_LIMIT * contact_area_mm2()
            / 100.0
            / (c.settings.pulse_width_us * 1e-3 * share);
        let load = self.impedances.load_ohm(&c.electrodes);
        let compliance = if load > 0.0 {
            compliance_limit_ma(load)
        } else {
            MAX_AMPLITUDE_MA
        };
        cd.min(compliance).min(MAX_AMPLITUDE_MA)
    }

    /// Share of the pain map whose fibres a configuration reaches first: pain-weighted
    /// recruitment of painful regions a little above the first fibres, less what the roots
    /// would already do there (a cheap screen before measuring thresholds).
    fn screen(&self, c: &Candidate) -> f64 {
        let act = &c.activation;
        let first = act.lowest_column_ma;
        if !first.is_finite() {
            return f64::NEG_INFINITY;
        }
        let ma = 1.2 * first;
        let col = act.column_recruitment(ma);
        let total: f64 = self.patient.pain.iter().sum();
        let covered: f64 = self
            .patient
            .pain
            .iter()
            .zip(col)
            .map(|(p, r)| p * r)
            .sum::<f64>()
            / total.max(1e-9);
        let roots = act.root_recruitment(ma).into_iter().fold(0.0, f64::max);
        covered - roots
    }
}

/// Snaps down to the device's amplitude step.
fn step_down(ma: f64) -> f64 {
    (ma * 10.0 + 1e-9).floor() / 10.0
}

/// Contacts code: `pattern` (e.g. `+-+`) with its cathode at `cathode` on the leads in
/// `on`, all other contacts off.
fn code_for(leads: usize, on: &[usize], cathode: usize, pattern: &str) -> Option<String> {
    let centre = pattern.find('-')?;
    let start = cathode.checked_sub(centre)?;
    if start + pattern.len() > CONTACTS_PER_LEAD {
        return None;
    }
    let lead = |i: usize| {
        let mut s = vec!['0'; CONTACTS_PER_LEAD];
        if on.contains(&i) {
            for (k, ch) in pattern.chars().enumerate() {
                s[start + k] = ch;
            }
        }
        s.into_iter().collect::<String>()
    };
    Some((0..leads).map(lead).collect::<Vec<_>>().join("/"))
}

/// Guarded-cathode configurations along each lead, one lead at a time.
fn single_lead_codes(leads: usize) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for cathode in 1..CONTACTS_PER_LEAD - 1 {
        for l in 0..leads {
            if let Some(code) = code_for(leads, &[l], cathode, "+-+") {
                out.push((cathode, code));
            }
        }
    }
    out
}

/// The guarded-cathode configurations worth measuring, best first: every single-lead
/// position is screened, then both leads together at the best positions.
fn ranked_codes(scene: &Scene) -> Vec<String> {
    let leads = scene.placements.len();
    let base = Waveform::Tonic.defaults();
    let mut scored: Vec<(f64, usize, String)> = single_lead_codes(leads)
        .into_iter()
        .filter_map(|(k, code)| {
            let c = scene.candidate(&code, base)?;
            Some((scene.screen(&c), k, code))
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    if leads == 2 {
        let mut tops: Vec<usize> = scored.iter().map(|(_, k, _)| *k).take(2).collect();
        tops.dedup();
        for k in tops {
            if let Some(code) = code_for(leads, &[0, 1], k, "+-+")
                && let Some(c) = scene.candidate(&code, base)
            {
                scored.push((scene.screen(&c), k, code));
            }
        }
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    }
    scored.into_iter().map(|(_, _, code)| code).collect()
}

/// The most comfortable relief on `c`: amplitudes 10–40 % above PT, below DT (with a
/// margin) and the ceiling; the one that relieves most, the lower on a tie.
fn settle(scene: &Scene, c: &Candidate) -> Option<(f64, Option<f64>, Option<f64>, Pain)> {
    let ceiling = scene.ceiling_ma(c);
    let pt = perception::perception_threshold(&c.activation, &c.stimulus, ceiling)?;
    let dt = perception::discomfort_threshold(&c.activation, &c.stimulus, MAX_AMPLITUDE_MA);
    let top = dt.map_or(ceiling, |d| d - 0.1).min(ceiling);
    let mut best: Option<(f64, Pain)> = None;
    for k in [1.1, 1.2, 1.3, 1.4] {
        let ma = step_down((pt * k).min(top));
        if ma <= 0.0 || best.as_ref().is_some_and(|(m, _)| *m >= ma) {
            continue;
        }
        let pain = scene.pain(c, ma, dt);
        if best
            .as_ref()
            .is_none_or(|(_, b)| pain.relief_percent > b.relief_percent + 0.5)
        {
            best = Some((ma, pain));
        }
    }
    best.map(|(ma, pain)| (ma, Some(pt), dt, pain))
}

fn plan_of(therapy: Therapy, c: &Candidate, found: (f64, Option<f64>, Option<f64>, Pain)) -> Plan {
    let (ma, pt_ma, dt_ma, pain) = found;
    Plan {
        therapy,
        contacts: c.code.clone(),
        settings: Settings {
            amplitude_ma: ma,
            ..c.settings
        },
        pt_ma,
        dt_ma,
        pain,
    }
}

/// Keeps the plan that relieves more (the earlier on a near tie).
fn keep_better(best: &mut Option<Plan>, plan: Plan) {
    if best
        .as_ref()
        .is_none_or(|b| plan.pain.relief_percent > b.pain.relief_percent + 0.5)
    {
        *best = Some(plan);
    }
}

fn plan_tonic(scene: &Scene, ranked: &[String]) -> Option<Plan> {
    let base = Waveform::Tonic.defaults();
    let mut best: Option<Plan> = None;
    for code in ranked.iter().take(3) {
        if let Some(c) = scene.candidate(code, base)
            && let Some(found) = settle(scene, &c)
        {
            keep_better(&mut best, plan_of(Therapy::Tonic, &c, found));
        }
    }
    // Not enough? Longer pulses spread the tingling caudally.
    if best.as_ref().is_none_or(|p| p.pain.relief_percent < 50.0) {
        let longer = Settings {
            pulse_width_us: 450.0,
            ..base
        };
        let code = best
            .as_ref()
            .map_or(ranked.first()?, |p| &p.contacts)
            .clone();
        if let Some(c) = scene.candidate(&code, longer)
            && let Some(found) = settle(scene, &c)
        {
            keep_better(&mut best, plan_of(Therapy::Tonic, &c, found));
        }
    }
    best
}

fn plan_burst(scene: &Scene, ranked: &[String]) -> Option<Plan> {
    let base = Waveform::Burst.defaults();
    let mut best: Option<Plan> = None;
    for code in ranked.iter().take(2) {
        let Some(c) = scene.candidate(code, base) else {
            continue;
        };
        let ceiling = scene.ceiling_ma(&c);
        // The burst's own paresthesia threshold, or its first fibres if it is never felt.
        let pt = perception::perception_threshold(&c.activation, &c.stimulus, MAX_AMPLITUDE_MA);
        let reference = pt.unwrap_or(1.1 * c.activation.lowest_column_ma);
        let ma = step_down((0.7 * reference).min(ceiling));
        if ma <= 0.0 {
            continue;
        }
        let pain = scene.pain(&c, ma, None);
        keep_better(&mut best, plan_of(Therapy::Burst, &c, (ma, pt, None, pain)));
    }
    best
}

/// Contact of `placement` nearest the top of vertebra `v` (a disc), and how far, mm.
fn contact_at_disc(placement: &Placement, v: usize) -> (usize, f64) {
    let z = anatomy::vertebra_top_mm(v);
    (0..CONTACTS_PER_LEAD)
        .map(|k| {
            let dz = (crate::device::lead::contact_z_mm(placement.level, k) - z).abs();
            (k, dz)
        })
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .unwrap_or((0, f64::INFINITY))
}

fn plan_high_frequency(scene: &Scene) -> Option<Plan> {
    let base = Waveform::HighFrequency.defaults();
    let leads = scene.placements.len();
    let t10 = crate::patient::spine::Vertebra::parse("T10").map_or(16, |v| v.index());
    let mut codes = Vec::new();
    // Discs T9–T10 first, then T10–T11 and T8–T9: cathode on the contact nearest the disc.
    for disc in [t10, t10 + 1, t10 - 1] {
        for (l, p) in scene.placements.iter().enumerate() {
            let (k, dz) = contact_at_disc(p, disc);
            if dz < 11.0 {
                codes.extend(code_for(leads, &[l], k.max(1), "+-"));
            }
        }
    }
    let mut best: Option<Plan> = None;
    for code in codes {
        let Some(c) = scene.candidate(&code, base) else {
            continue;
        };
        let ceiling = scene.ceiling_ma(&c).min(5.0);
        for ma in [2.0_f64, 3.0, 4.0] {
            let ma = ma.min(ceiling);
            let pain = scene.pain(&c, ma, None);
            keep_better(
                &mut best,
                plan_of(Therapy::HighFrequency, &c, (ma, None, None, pain)),
            );
        }
    }
    best
}

/// The programs an expert would settle on for each of `therapies` on this patient and
/// implant, with their steady pain; `None` where no configuration can be driven. Tonic
/// and burst share the screening of contacts.
pub fn plans(patient: &Patient, device: &Device, therapies: &[Therapy]) -> Vec<Option<Plan>> {
    let scene = Scene {
        patient,
        body: patient.body(),
        placements: &device.placements,
        impedances: &device.impedances,
    };
    let mut ranked: Option<Vec<String>> = None;
    therapies
        .iter()
        .map(|&therapy| match therapy {
            Therapy::Tonic => {
                plan_tonic(&scene, ranked.get_or_insert_with(|| ranked_codes(&scene)))
            }
            Therapy::Burst => {
                plan_burst(&scene, ranked.get_or_insert_with(|| ranked_codes(&scene)))
            }
            Therapy::HighFrequency => plan_high_frequency(&scene),
        })
        .collect()
}

/// The program an expert would settle on for `therapy` on this patient and implant, with
/// its steady pain; `None` when no configuration can be driven.
pub fn plan(patient: &Patient, device: &Device, therapy: Therapy) -> Option<Plan> {
    plans(patient, device, &[therapy]).pop().flatten()
}

/// The steps that program `therapy` on this session's running program as an expert would:
/// waveform, contacts (never a disabled one), pulse width and amplitude. Empty when no
/// configuration can be driven.
pub fn program(session: &Session, therapy: Therapy) -> Vec<ProgrammerEdit> {
    let Some(plan) = session
        .device()
        .and_then(|d| plan(&session.patient, d, therapy))
    else {
        return Vec::new();
    };
    let defaults = therapy.waveform().defaults();
    let mut steps = vec![
        ProgrammerEdit::SetWaveform(therapy.waveform()),
        ProgrammerEdit::SetContacts {
            code: plan.contacts.clone(),
            case_anode: false,
        },
    ];
    if plan.settings.pulse_width_us != defaults.pulse_width_us {
        steps.push(ProgrammerEdit::SetPulseWidth(plan.settings.pulse_width_us));
    }
    steps.push(ProgrammerEdit::SetAmplitude(plan.settings.amplitude_ma));
    steps
}

/// The same steps in plain words, with the thresholds and the relief to expect.
pub fn expert_steps(session: &Session, therapy: Therapy) -> Vec<String> {
    let Some(plan) = session
        .device()
        .and_then(|d| plan(&session.patient, d, therapy))
    else {
        return vec!["No working contacts remain: check the impedances and the leads.".into()];
    };
    let painful: Vec<&str> = (0..REGIONS.len())
        .filter(|&i| session.patient.pain[i] > 0.0)
        .map(|i| REGIONS[i].words)
        .collect();
    let ma = plan.settings.amplitude_ma;
    let relief = plan.pain.relief_percent;
    match therapy {
        Therapy::Tonic => vec![
            format!(
                "Choose tonic and a guarded cathode where the tingling reaches {}: contacts {}.",
                painful.join(", "),
                plan.contacts
            ),
            format!(
                "At {:.0} µs find PT ({}) and DT ({}).",
                plan.settings.pulse_width_us,
                plan.pt_ma.map_or("none".into(), |v| format!("{v:.1} mA")),
                plan.dt_ma
                    .map_or("not reached".into(), |v| format!("{v:.1} mA"))
            ),
            format!(
                "Settle at {ma:.1} mA, a comfortable tingling a little above PT; expect about {relief:.0} % relief within minutes."
            ),
        ],
        Therapy::Burst => vec![
            format!(
                "Choose burst (5 pulses at 500 Hz, 40 Hz, 1 ms) on contacts {}.",
                plan.contacts
            ),
            format!(
                "Find where burst is first felt ({}) and program about 70 % of it: {ma:.1} mA, below perception.",
                plan.pt_ma
                    .map_or("not felt".into(), |v| format!("{v:.1} mA"))
            ),
            format!("Expect about {relief:.0} % relief over tens of minutes, without tingling."),
        ],
        Therapy::HighFrequency => vec![
            format!(
                "Choose 10 kHz, 30 µs on a bipole over the T9–T10 disc: contacts {}.",
                plan.contacts
            ),
            format!(
                "Set {ma:.1} mA (1–5 mA): nothing is felt, so do not titrate by the patient's report."
            ),
            format!("Let it wash in; expect about {relief:.0} % relief once it has built up."),
        ],
    }
}
