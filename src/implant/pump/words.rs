//! What a patient on intrathecal therapy says: relief, and the side effects or withdrawal
//! signs they notice, in their own words.

use crate::patient::pharmacology::Effects;
use crate::patient::pharmacology::effects::Sign;
use crate::patient::{Pain, Patient};

/// The patient's words now.
pub fn speech(patient: &Patient, effects: &Effects, pain: &Pain) -> String {
    let spasticity = patient.diagnosis.to_ascii_lowercase().contains("spastic");
    let worst = |signs: &[Sign]| signs.iter().copied().find(|s| effects.has(*s));
    if effects.has(Sign::RespiratoryDepression) {
        return "(very drowsy, hard to rouse; breathing slowly)".into();
    }
    if let Some(s) = worst(&[Sign::Seizures, Sign::HighFever, Sign::Rigidity]) {
        return format!("(the nurse notes: {})", s.words());
    }
    if let Some(s) = worst(&[Sign::Hallucinations, Sign::PsychiatricEffects]) {
        return format!("I keep seeing things that aren't there... ({})", s.words());
    }
    let mut out = if spasticity {
        if effects.has(Sign::ReturningSpasticity) {
            "My legs are stiff and jumping again, worse than before, and I itch all over."
                .to_string()
        } else if pain.relief_percent >= 30.0 {
            "My legs are looser; the spasms hardly come.".to_string()
        } else {
            "My legs are tight and the spasms keep waking me.".to_string()
        }
    } else if pain.relief_percent >= 50.0 {
        "The pain is well controlled.".to_string()
    } else if pain.relief_percent >= 25.0 {
        "The pain is better, but still there.".to_string()
    } else {
        "The pain is bad.".to_string()
    };
    let noticed: Vec<&str> = [
        Sign::Sedation,
        Sign::Dizziness,
        Sign::Confusion,
        Sign::Nausea,
        Sign::OpioidItch,
        Sign::Numbness,
        Sign::LegWeakness,
        Sign::OpioidWithdrawal,
        Sign::Tachycardia,
    ]
    .into_iter()
    .filter(|s| effects.has(*s))
    .map(Sign::words)
    .collect();
    if !noticed.is_empty() {
        out.push_str(&format!(" I have {}.", noticed.join(", ")));
    }
    out
}
