//! The patient answers the clinician's questions — the only source of truth in blind mode.
//! Answers follow the model (every region felt is named, on or off the pain; the drawing
//! covers what is felt) with a patient's imprecision: whole-number pain scores that wander
//! by a point, a drawing that may miss a faint region or spill into a neighbour. The
//! imprecision is seeded, so a replay hears the same answers.

use super::Pain;
use super::anatomy::REGIONS;
use super::perception::{PERCEPTION_LEVEL, Perception};
use super::profile::Patient;
use super::words::{join, top};
use serde::{Deserialize, Serialize};

/// What the clinician can ask.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Question {
    /// "Where do you feel it?"
    WhereDoYouFeelIt,
    /// "Rate your pain from 0 to 10."
    RateYourPain,
    /// "How much better is your pain, in percent?" (the trial's own measure: a responder
    /// has at least 50 % relief).
    HowMuchBetter,
    /// "Is it comfortable?"
    IsItComfortable,
    /// "Draw where it tingles."
    DrawWhereItTingles,
}

impl Question {
    /// The question as the clinician asks it.
    pub fn words(self) -> &'static str {
        match self {
            Question::WhereDoYouFeelIt => "Where do you feel it?",
            Question::RateYourPain => "Rate your pain 0–10",
            Question::HowMuchBetter => "How much better, in %?",
            Question::IsItComfortable => "Is it comfortable?",
            Question::DrawWhereItTingles => "Draw where it tingles",
        }
    }

    /// Every question, in the order a clinician asks them.
    pub const ALL: [Question; 5] = [
        Question::WhereDoYouFeelIt,
        Question::RateYourPain,
        Question::HowMuchBetter,
        Question::IsItComfortable,
        Question::DrawWhereItTingles,
    ];
}

/// The patient's answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    /// What the patient says.
    pub words: String,
    /// A pain score, when asked for one (whole number 0–10).
    pub vas: Option<u8>,
    /// Regions drawn as tingling (indices into the body map's regions), when asked to draw.
    pub drawing: Vec<usize>,
}

/// A deterministic number in 0..1 from the session's seed, the time and a salt.
fn jitter(seed: u64, t_s: f64, salt: u64) -> f64 {
    let mut x = seed ^ (t_s.to_bits().rotate_left(17)) ^ salt.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    // SplitMix64.
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 31;
    (x >> 11) as f64 / (1u64 << 53) as f64
}

/// Regions felt now (as the speech and the map have them: any tingling), strongest first.
fn felt(perception: &Perception) -> Vec<usize> {
    top(&perception.paresthesia, f64::MIN_POSITIVE, REGIONS.len())
}

/// The answer to `question` from a patient who feels `perception` and has `pain`, at
/// simulated time `t_s` of a session seeded with `seed`.
pub fn answer(
    question: Question,
    patient: &Patient,
    perception: &Perception,
    pain: &Pain,
    (seed, t_s): (u64, f64),
) -> Answer {
    let plain = |words: String| Answer {
        words,
        vas: None,
        drawing: Vec::new(),
    };
    match question {
        Question::WhereDoYouFeelIt => plain(where_felt(patient, perception)),
        Question::RateYourPain => {
            let wander = (jitter(seed, t_s, 1) - 0.5) * 1.6;
            let vas = (pain.vas + wander).round().clamp(0.0, 10.0) as u8;
            Answer {
                words: format!("About {vas} out of 10."),
                vas: Some(vas),
                drawing: Vec::new(),
            }
        }
        Question::HowMuchBetter => plain(better_words(pain.relief_percent, seed, t_s)),
        Question::IsItComfortable => plain(if perception.uncomfortable {
            "No — it's too strong, it's uncomfortable.".into()
        } else if felt(perception).is_empty() {
            "I can't feel any tingling, so it doesn't bother me.".into()
        } else {
            "Yes, it's comfortable.".into()
        }),
        Question::DrawWhereItTingles => {
            let drawing = drawing(perception, seed, t_s);
            let words = if drawing.is_empty() {
                "There's nothing to draw: I don't feel any tingling.".into()
            } else {
                "Here, roughly.".into()
            };
            Answer {
                words,
                vas: None,
                drawing,
            }
        }
    }
}

/// How much better the pain is, as a patient says it: to the nearest 10 %, wandering by up
/// to 6 points either way before it is rounded (asked again later, a patient may say the
/// next ten).
fn better_words(relief_percent: f64, seed: u64, t_s: f64) -> String {
    let wander = (jitter(seed, t_s, 3) - 0.5) * 12.0;
    let said = ((relief_percent + wander) / 10.0).round().clamp(0.0, 10.0) as u32 * 10;
    match said {
        0 => "No better than without it.".into(),
        100 => "The pain is gone.".into(),
        p => format!("About {p} % better than without it."),
    }
}

/// Every region felt, named; those off the painful area said to be extra.
fn where_felt(patient: &Patient, perception: &Perception) -> String {
    let regions = felt(perception);
    if regions.is_empty() {
        return "I don't feel any tingling.".into();
    }
    let (on, off): (Vec<usize>, Vec<usize>) =
        regions.into_iter().partition(|&i| patient.pain[i] > 0.0);
    let words = |v: &[usize]| join(&v.iter().map(|&i| REGIONS[i].words).collect::<Vec<_>>());
    match (on.is_empty(), off.is_empty()) {
        (false, true) => format!("In {}: where it hurts.", words(&on)),
        (false, false) => format!(
            "In {}, where it hurts — and also in {}.",
            words(&on),
            words(&off)
        ),
        _ => format!("In {}, but not where it hurts.", words(&off)),
    }
}

/// Regions drawn: the felt ones, a faint one sometimes left out, sometimes a neighbour of
/// a strong one coloured in too.
fn drawing(perception: &Perception, seed: u64, t_s: f64) -> Vec<usize> {
    let p = &perception.paresthesia;
    let mut out: Vec<usize> = felt(perception)
        .into_iter()
        .enumerate()
        .filter(|&(k, i)| p[i] >= 2.0 * PERCEPTION_LEVEL || jitter(seed, t_s, 10 + k as u64) > 0.3)
        .map(|(_, i)| i)
        .collect();
    if let Some(&strong) = out.first()
        && jitter(seed, t_s, 3) < 0.25
    {
        let neighbour = if strong + 1 < REGIONS.len() {
            strong + 1
        } else {
            strong.saturating_sub(1)
        };
        if !out.contains(&neighbour) && REGIONS[neighbour].side == REGIONS[strong].side {
            out.push(neighbour);
        }
    }
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jitter_is_deterministic_and_spread() {
        let a: Vec<f64> = (0..200).map(|i| jitter(7, i as f64, 1)).collect();
        let b: Vec<f64> = (0..200).map(|i| jitter(7, i as f64, 1)).collect();
        assert_eq!(a, b);
        assert!(a.iter().all(|x| (0.0..1.0).contains(x)));
        let mean = a.iter().sum::<f64>() / a.len() as f64;
        assert!((mean - 0.5).abs() < 0.1, "{mean}");
    }
}
