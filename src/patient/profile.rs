//! The person in a patient file: who they are, their pain map, posture, anatomy and how
//! they respond. The implant they carry is described by the library layer above (`src/library/`).

use super::anatomy::{Posture, REGIONS, UnknownRegion, region_index};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::collections::BTreeMap;

/// The person as a patient file describes them, before validation and variability.
#[derive(Clone, Debug, PartialEq)]
pub struct PersonSpec {
    /// Short identifier used on the command line, e.g. `fbss`.
    pub id: String,
    /// First name as shown in the title bar.
    pub name: String,
    /// Age in years.
    pub age: u32,
    /// Diagnosis in a few words.
    pub diagnosis: String,
    /// A short history a trainee reads before programming.
    pub history: String,
    /// Pain map: region → VAS 0–10.
    pub pain: BTreeMap<String, f64>,
    /// Posture at the start.
    pub posture: Posture,
    /// Scale on dorsal CSF thickness (0.6–1.6).
    pub csf_scale: f64,
    /// Scale on every fibre threshold (0.6–1.6).
    pub threshold_scale: f64,
    /// How much of a closed gate becomes relief for this person (0.1–1).
    pub responder: f64,
    /// Scale on the size of the recorded evoked response (0.2–5).
    pub ecap_scale: f64,
    /// How strongly the dorsal horn answers kHz (10 kHz) charge (0.2–5).
    pub khz_scale: f64,
    /// Seed of the person's own variability (threshold ±20 %, CSF, responder).
    pub variability_seed: u64,
}

/// The simulated person (the implant they carry is described on the device side).
#[derive(Clone, Debug, PartialEq)]
pub struct Patient {
    /// Identifier, e.g. `fbss`.
    pub id: String,
    /// Name shown to the trainee.
    pub name: String,
    /// Age in years.
    pub age: u32,
    /// Diagnosis.
    pub diagnosis: String,
    /// History.
    pub history: String,
    /// Pain without stimulation, VAS per region in [`REGIONS`] order.
    pub pain: [f64; REGIONS.len()],
    /// Posture now.
    pub posture: Posture,
    /// Effective CSF scale (file value × the person's variability).
    pub csf_scale: f64,
    /// Effective threshold scale.
    pub threshold_scale: f64,
    /// Effective responder factor (0..1).
    pub responder: f64,
    /// Scale on the size of the recorded evoked response (ECAP).
    pub ecap_scale: f64,
    /// How strongly the dorsal horn answers kHz charge: the amplitude 10 kHz therapy needs
    /// is about inversely proportional to it (1 typical).
    pub khz_scale: f64,
    /// Dorsal CSF under the lead set from outside, mm.
    pub csf_override_mm: Option<f64>,
}

/// Why a pain map (`region=VAS,…` or a patient file's map) is refused.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum PainError {
    /// An entry without `=`.
    #[error("pain entry '{0}' is not REGION=VAS (e.g. low_back=7)")]
    NotRegionVas(String),
    /// A region that does not exist.
    #[error(transparent)]
    Region(#[from] UnknownRegion),
    /// A value that is not a number.
    #[error("pain for {region}: '{vas}' is not a number")]
    NotANumber {
        /// The region, as given.
        region: String,
        /// The value, as given.
        vas: String,
    },
    /// A value outside VAS 0–10.
    #[error("pain for {region} is VAS {vas}, outside 0–10")]
    OutOfRange {
        /// The region, as given.
        region: String,
        /// The value.
        vas: f64,
    },
    /// Every region at VAS 0.
    #[error("pain map '{0}' has no painful region")]
    NoPainfulRegion(String),
}

/// Parses `region=VAS,region=VAS` into a pain map.
pub fn parse_pain(text: &str) -> Result<[f64; REGIONS.len()], PainError> {
    let mut map = [0.0; REGIONS.len()];
    for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let (region, vas) = item
            .split_once('=')
            .ok_or_else(|| PainError::NotRegionVas(item.to_string()))?;
        let i = region_index(region)?;
        let v: f64 = vas.trim().parse().map_err(|_| PainError::NotANumber {
            region: region.to_string(),
            vas: vas.to_string(),
        })?;
        check_vas(region, v)?;
        map[i] = v;
    }
    if map.iter().all(|&v| v == 0.0) {
        return Err(PainError::NoPainfulRegion(text.to_string()));
    }
    Ok(map)
}

fn check_vas(region: &str, vas: f64) -> Result<(), PainError> {
    if !vas.is_finite() || !(0.0..=10.0).contains(&vas) {
        return Err(PainError::OutOfRange {
            region: region.to_string(),
            vas,
        });
    }
    Ok(())
}

/// Adds a problem when `v` is not a finite number in `lo..=hi`.
pub fn check_scale(
    out: &mut Vec<(&'static str, String)>,
    field: &'static str,
    v: f64,
    lo: f64,
    hi: f64,
) {
    if !v.is_finite() || v < lo || v > hi {
        out.push((field, format!("{field} {v} is outside {lo}–{hi}")));
    }
}

impl PersonSpec {
    /// Builds the person, or every problem found as (field, message).
    pub fn build(&self) -> Result<Patient, Vec<(&'static str, String)>> {
        let mut problems: Vec<(&'static str, String)> = Vec::new();
        let mut pain = [0.0; REGIONS.len()];
        for (region, &vas) in &self.pain {
            match region_index(region)
                .map_err(PainError::from)
                .and_then(|i| check_vas(region, vas).map(|_| i))
            {
                Ok(i) => pain[i] = vas,
                Err(e) => problems.push(("pain", e.to_string())),
            }
        }
        if pain.iter().all(|&v| v == 0.0) && problems.is_empty() {
            problems.push(("pain", "the pain map has no painful region".into()));
        }
        check_scale(&mut problems, "csf_scale", self.csf_scale, 0.6, 1.6);
        check_scale(
            &mut problems,
            "threshold_scale",
            self.threshold_scale,
            0.6,
            1.6,
        );
        check_scale(&mut problems, "responder", self.responder, 0.1, 1.0);
        check_scale(&mut problems, "ecap_scale", self.ecap_scale, 0.2, 5.0);
        check_scale(&mut problems, "khz_scale", self.khz_scale, 0.2, 5.0);
        if self.id.trim().is_empty() || self.name.trim().is_empty() {
            problems.push(("id", "id and name must not be empty".into()));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let mut rng = ChaCha8Rng::seed_from_u64(self.variability_seed);
        let mut vary = |spread: f64| 1.0 + spread * (2.0 * rng.random::<f64>() - 1.0);
        let threshold_scale = self.threshold_scale * vary(0.2);
        let csf_scale = self.csf_scale * vary(0.1);
        let responder = (self.responder * vary(0.1)).min(1.0);
        Ok(Patient {
            id: self.id.clone(),
            name: self.name.clone(),
            age: self.age,
            diagnosis: self.diagnosis.clone(),
            history: self.history.clone(),
            pain,
            posture: self.posture,
            csf_scale,
            threshold_scale,
            responder,
            ecap_scale: self.ecap_scale,
            khz_scale: self.khz_scale,
            csf_override_mm: None,
        })
    }
}
