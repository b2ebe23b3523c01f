//! How an exercise's patient varies from one attempt to the next, so that an attempt's
//! answer (its thresholds, its broken contact, where its leads slipped to) does not carry
//! over to the next: each attempt draws a variant from its own seed, kept in the session,
//! so a replay meets the same variant.

use crate::device::closed_loop::LoopSettings;
use crate::device::impedance::ContactFault;
use crate::device::lead::{CONTACTS_PER_LEAD, contact_offset_mm};
use crate::implant::pump::command::{PumpEdit, PumpEvent};
use crate::implant::stim::mri::SCAN_MINUTES;
use crate::library::spec::PatientSpec;
use crate::patient::nerve::NerveSite;
use crate::session::{Command, ProgrammerEdit, WorldEvent};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// What may differ between attempts of an exercise (nothing, when the file says nothing).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vary {
    /// Every fibre threshold scaled by up to ± this many percent (0–40).
    #[serde(default)]
    pub threshold_percent: f64,
    /// Dorsal CSF thickness scaled by up to ± this many percent (0–40).
    #[serde(default)]
    pub csf_percent: f64,
    /// The leads the start places moved up to this many vertebral levels up or down (0–2).
    #[serde(default)]
    pub lead_levels: u32,
    /// The contact a start's fault breaks, drawn from these (0–7; empty: as written).
    #[serde(default)]
    pub fault_contacts: Vec<usize>,
    /// A pump's true reservoir at the start moved up to ± this many mL (0–5).
    #[serde(default)]
    pub reservoir_ml: f64,
    /// A nerve lead the start places lies up to ± this many mm further from its nerve,
    /// never closer than 1 mm (0–10).
    #[serde(default)]
    pub nerve_mm: f64,
    /// The pulse width the start programs scaled by up to ± this many percent (0–50).
    #[serde(default)]
    pub pulse_width_percent: f64,
    /// The amplitude the start programs scaled by up to ± this many percent (0–50).
    #[serde(default)]
    pub amplitude_percent: f64,
    /// Every fault the start injects moved along its lead by the same number of contacts,
    /// up to this many up or down (0–4), kept on the lead: a fracture breaks a run of
    /// neighbouring contacts, and where the run lies differs between attempts.
    #[serde(default)]
    pub fault_offset: u32,
    /// A booked MRI scan starts up to ± this many minutes earlier or later and lasts up to
    /// ± half as many minutes more or less (0–60).
    #[serde(default)]
    pub mri_minutes: f64,
    /// A pump's daily dose the start programs scaled by up to ± this many percent (0–60).
    #[serde(default)]
    pub dose_percent: f64,
    /// The size of the patient's recorded evoked response (ECAP) multiplied or divided by
    /// up to this factor, evenly on a log scale (1–4; 0: as the file has it): published
    /// growth-curve slopes span about 5–50 µV/mA between patients (REFERENCES-ECAP §2).
    #[serde(default)]
    pub ecap_factor: f64,
    /// The gain of a closed loop the start sets multiplied by one of these (each above 0
    /// and at most 100; empty: as written): a loop set up too fierce rings or oscillates,
    /// one too timid lags, and which one an attempt meets differs.
    #[serde(default)]
    pub loop_gain_factors: Vec<f64>,
    /// Where a nerve crosses a lead laid across it (a cylindrical lead at the occiput)
    /// moved up to ± this many mm along the lead (0–20), kept on the lead: the contact
    /// nearest the nerve differs between attempts.
    #[serde(default)]
    pub crossing_mm: f64,
    /// A pump's prescribed concentration (in its reservoir and its programmer), drawn from
    /// these, mg/mL (each above 0 and at most 100; empty: as the patient file has it).
    #[serde(default)]
    pub concentrations: Vec<f64>,
    /// Commands that follow the start, one list drawn per attempt: the same trouble from
    /// a different cause (a reservoir run dry, a pump left stopped, a slip in the
    /// programmed dose) or a different order (the concentration a new order names), so
    /// the right actions differ between attempts. Each list is checked when the file is
    /// read (at most [`MAX_SCENES`]).
    #[serde(default)]
    pub scenes: Vec<Vec<Command>>,
    /// A pump's prescription (the patient file's daily dose, as the pump was set up and the
    /// body settled on) scaled by up to ± this many percent (0–60), to two significant
    /// figures as doses are written.
    #[serde(default)]
    pub prescribed_dose_percent: f64,
    /// A pump patient's sensitivities to the drug (how strongly the pain answers it, how
    /// strongly the brain answers its central effects) each multiplied or divided by up to
    /// this factor, evenly on a log scale and independently (1–4; 0: as the file has it):
    /// the dose that relieves, and the dose that confuses, differ between patients.
    #[serde(default)]
    pub drug_response_factor: f64,
    /// How strongly the patient's dorsal horn answers kHz charge multiplied or divided by
    /// up to this factor, evenly on a log scale (1–4; 0: as the file has it): the
    /// amplitude 10 kHz therapy needs differs between patients.
    #[serde(default)]
    pub khz_response_factor: f64,
}

/// Most scenes an exercise may draw from.
pub const MAX_SCENES: usize = 20;

/// What one attempt draws.
struct Draw {
    /// Vertebral levels the leads move (up is negative).
    shift: i64,
    /// The contact a fault breaks, if drawn.
    contact: Option<usize>,
    /// mL added to a true reservoir.
    reservoir_ml: f64,
    /// mm added to a nerve lead's distance.
    nerve_mm: f64,
    /// Factor on the pulse width the start programs.
    pulse_width: f64,
    /// Factor on the amplitude the start programs.
    amplitude: f64,
    /// Contacts every start fault moves along its lead.
    fault_offset: i64,
    /// Minutes a booked scan moves, and minutes it lasts more.
    mri: (f64, f64),
    /// Factor on the daily dose the start programs.
    dose: f64,
    /// Factor on the gain of a closed loop the start sets.
    loop_gain: f64,
    /// mm added to where a nerve crosses a lead.
    crossing_mm: f64,
}

impl Vary {
    /// Every problem with the variation itself, as (field, message).
    pub fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        let mut check = |field: &'static str, v: f64, hi: f64| {
            if !v.is_finite() || !(0.0..=hi).contains(&v) {
                out.push((field, format!("vary: {field} {v} is outside 0–{hi}")));
            }
        };
        check("threshold_percent", self.threshold_percent, 40.0);
        check("csf_percent", self.csf_percent, 40.0);
        check("lead_levels", f64::from(self.lead_levels), 2.0);
        check("reservoir_ml", self.reservoir_ml, 5.0);
        check("nerve_mm", self.nerve_mm, 10.0);
        check("pulse_width_percent", self.pulse_width_percent, 50.0);
        check("amplitude_percent", self.amplitude_percent, 50.0);
        check("fault_offset", f64::from(self.fault_offset), 4.0);
        check("mri_minutes", self.mri_minutes, 60.0);
        check("dose_percent", self.dose_percent, 60.0);
        check("crossing_mm", self.crossing_mm, 20.0);
        check(
            "prescribed_dose_percent",
            self.prescribed_dose_percent,
            60.0,
        );
        for (field, v) in [
            ("ecap_factor", self.ecap_factor),
            ("drug_response_factor", self.drug_response_factor),
            ("khz_response_factor", self.khz_response_factor),
        ] {
            if v != 0.0 && !(1.0..=4.0).contains(&v) {
                out.push((field, format!("vary: {field} {v} is outside 1–4")));
            }
        }
        if let Some(c) = self
            .concentrations
            .iter()
            .find(|c| !c.is_finite() || **c <= 0.0 || **c > 100.0)
        {
            out.push((
                "concentrations",
                format!("vary: concentration {c} mg/mL is outside 0–100"),
            ));
        }
        if let Some(g) = self
            .loop_gain_factors
            .iter()
            .find(|g| !g.is_finite() || **g <= 0.0 || **g > 100.0)
        {
            out.push((
                "loop_gain_factors",
                format!("vary: loop gain factor {g} is outside 0–100"),
            ));
        }
        if self.scenes.len() > MAX_SCENES {
            out.push((
                "scenes",
                format!("vary: {} scenes, at most {MAX_SCENES}", self.scenes.len()),
            ));
        }
        if let Some(c) = self.fault_contacts.iter().find(|c| **c > 7) {
            out.push((
                "fault_contacts",
                format!("vary: contact {c} is outside 0–7"),
            ));
        }
        out
    }

    /// Variant `draw` of attempt `seed`: the person as it varies, and the start's
    /// commands as they vary. The same seed and draw give the same variant.
    pub fn draw(
        &self,
        seed: u64,
        draw: u64,
        spec: &mut PatientSpec,
        start: &[Command],
    ) -> Vec<Command> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(draw);
        let mut spread = |percent: f64| 1.0 + percent / 100.0 * rng.random_range(-1.0..=1.0);
        spec.threshold_scale =
            (spec.threshold_scale * spread(self.threshold_percent)).clamp(0.6, 1.6);
        spec.csf_scale = (spec.csf_scale * spread(self.csf_percent)).clamp(0.6, 1.6);
        let levels = i64::from(self.lead_levels);
        let draw = Draw {
            shift: rng.random_range(-levels..=levels),
            contact: (!self.fault_contacts.is_empty())
                .then(|| self.fault_contacts[rng.random_range(0..self.fault_contacts.len())]),
            reservoir_ml: self.reservoir_ml * rng.random_range(-1.0..=1.0),
            nerve_mm: self.nerve_mm * rng.random_range(-1.0..=1.0),
            pulse_width: 1.0 + self.pulse_width_percent / 100.0 * rng.random_range(-1.0..=1.0),
            amplitude: 1.0 + self.amplitude_percent / 100.0 * rng.random_range(-1.0..=1.0),
            // Drawn last and only when asked for, so older exercises meet the same variants.
            fault_offset: match i64::from(self.fault_offset) {
                0 => 0,
                n => rng.random_range(-n..=n),
            },
            mri: if self.mri_minutes > 0.0 {
                (
                    self.mri_minutes * rng.random_range(-1.0..=1.0),
                    self.mri_minutes / 2.0 * rng.random_range(-1.0..=1.0),
                )
            } else {
                (0.0, 0.0)
            },
            dose: if self.dose_percent > 0.0 {
                1.0 + self.dose_percent / 100.0 * rng.random_range(-1.0..=1.0)
            } else {
                1.0
            },
            loop_gain: 1.0,
            crossing_mm: 0.0,
        };
        // Drawn after the rest and only when asked for, so older exercises meet the same
        // variants.
        if !self.concentrations.is_empty() {
            let c = self.concentrations[rng.random_range(0..self.concentrations.len())];
            spec.implant.set_concentration(c);
        }
        if self.ecap_factor > 1.0 {
            spec.ecap_scale =
                (spec.ecap_scale * log_spread(&mut rng, self.ecap_factor)).clamp(0.2, 5.0);
        }
        let draw = Draw {
            loop_gain: if self.loop_gain_factors.is_empty() {
                1.0
            } else {
                self.loop_gain_factors[rng.random_range(0..self.loop_gain_factors.len())]
            },
            crossing_mm: if self.crossing_mm > 0.0 {
                self.crossing_mm * rng.random_range(-1.0..=1.0)
            } else {
                0.0
            },
            ..draw
        };
        spec.implant.shift_leads(draw.shift);
        // The scene and the prescription are drawn last, so older exercises meet the same
        // variants.
        let scene =
            (!self.scenes.is_empty()).then(|| &self.scenes[rng.random_range(0..self.scenes.len())]);
        if self.prescribed_dose_percent > 0.0 {
            let f = 1.0 + self.prescribed_dose_percent / 100.0 * rng.random_range(-1.0..=1.0);
            spec.implant.scale_daily_dose(f);
        }
        if self.drug_response_factor > 1.0 {
            let relief = log_spread(&mut rng, self.drug_response_factor);
            let central = log_spread(&mut rng, self.drug_response_factor);
            spec.implant.scale_drug_response(relief, central);
        }
        if self.khz_response_factor > 1.0 {
            spec.khz_scale =
                (spec.khz_scale * log_spread(&mut rng, self.khz_response_factor)).clamp(0.2, 5.0);
        }
        start
            .iter()
            .chain(scene.into_iter().flatten())
            .map(|c| draw.command(c))
            .collect()
    }
}

impl Draw {
    /// A fault's contact moved by the drawn offset, kept on the lead (a contact past the
    /// lead's end stays as written, for the rule that reads it to refuse).
    fn fault_contact(&self, contact: usize) -> usize {
        let last = (CONTACTS_PER_LEAD - 1) as i64;
        match i64::try_from(contact) {
            Ok(c) if c <= last => (c + self.fault_offset).clamp(0, last) as usize,
            _ => contact,
        }
    }

    /// Where a nerve crosses a lead, moved by the drawn amount (a tenth of a mm, as
    /// ultrasound reads it) and kept between the lead's first and last contact; unmoved
    /// when nothing is drawn, so a crossing that is not a number stays for its rule.
    fn crossing(&self, mm: f64) -> f64 {
        if self.crossing_mm == 0.0 {
            return mm;
        }
        let (first, last) = (
            contact_offset_mm(0),
            contact_offset_mm(CONTACTS_PER_LEAD - 1),
        );
        ((mm + self.crossing_mm).clamp(first, last) * 10.0).round() / 10.0
    }

    /// One start command as this attempt has it: a placed lead moved, a fault on the drawn
    /// contact, a true reservoir more or less, a nerve lead further or closer.
    fn command(&self, c: &Command) -> Command {
        match c {
            Command::World(WorldEvent::PlaceLead { lead, placement }) => WorldEvent::PlaceLead {
                lead: *lead,
                placement: placement.shifted(self.shift),
            }
            .into(),
            Command::World(WorldEvent::InjectFault(f)) => WorldEvent::InjectFault(ContactFault {
                contact: self.fault_contact(self.contact.unwrap_or(f.contact)),
                ..*f
            })
            .into(),
            // A tenth of a millilitre, as a syringe reads.
            Command::World(WorldEvent::Pump(PumpEvent::TrueReservoir(ml))) => {
                WorldEvent::Pump(PumpEvent::TrueReservoir(at_least(
                    ((ml + self.reservoir_ml) * 10.0).round() / 10.0,
                    0.0,
                )))
                .into()
            }
            Command::World(WorldEvent::PlaceNerveLead {
                lead,
                site,
                deployed,
            }) => WorldEvent::PlaceNerveLead {
                lead: *lead,
                site: NerveSite {
                    distance_mm: at_least(site.distance_mm + self.nerve_mm, 1.0),
                    crossing_mm: self.crossing(site.crossing_mm),
                    ..*site
                },
                deployed: *deployed,
            }
            .into(),
            // Whole minutes, as a booking is; never before the start, never shorter than the
            // shortest scan.
            Command::World(WorldEvent::BookMri { at_s, minutes }) => WorldEvent::BookMri {
                at_s: at_least(at_s + (self.mri.0.round() * 60.0), 0.0),
                minutes: at_least(minutes + self.mri.1.round(), SCAN_MINUTES.0),
            }
            .into(),
            // A tenth of a milligram, as a prescription is written.
            Command::Programmer(ProgrammerEdit::Pump(PumpEdit::SetDailyDose(mg))) => {
                ProgrammerEdit::Pump(PumpEdit::SetDailyDose(
                    (mg * self.dose * 10.0).round() / 10.0,
                ))
                .into()
            }
            // Rounded as the programmer's steps are (10 µs, 0.1 mA).
            Command::Programmer(ProgrammerEdit::SetPulseWidth(us)) => {
                ProgrammerEdit::SetPulseWidth((us * self.pulse_width / 10.0).round() * 10.0).into()
            }
            Command::Programmer(ProgrammerEdit::SetClosedLoop(Some(l))) => {
                ProgrammerEdit::SetClosedLoop(Some(LoopSettings {
                    gain_ma_per_uv: l.gain_ma_per_uv * self.loop_gain,
                    ..*l
                }))
                .into()
            }
            Command::Programmer(ProgrammerEdit::SetAmplitude(ma)) => {
                ProgrammerEdit::SetAmplitude((ma * self.amplitude * 10.0).round() / 10.0).into()
            }
            other => other.clone(),
        }
    }
}

/// A factor multiplying or dividing by up to `factor`, evenly on a log scale (above 1).
fn log_spread(rng: &mut ChaCha8Rng, factor: f64) -> f64 {
    let ln = factor.ln();
    rng.random_range(-ln..=ln).exp()
}

/// `v` kept at `lo` or above; a value that is not a number stays as it is, for the rule
/// that reads it to refuse.
fn at_least(v: f64, lo: f64) -> f64 {
    if v.is_finite() { v.max(lo) } else { v }
}
