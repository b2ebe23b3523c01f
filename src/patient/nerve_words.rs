//! What a patient says during peripheral nerve stimulation: the spinal words for tingling
//! and pain, plus the muscle's twitch, welcome (a wanted contraction) or not.

use super::Pain;
use super::nerve_response::NerveReading;
use super::perception::Perception;
use super::profile::Patient;
use super::words;

/// One or two sentences the patient says now.
pub fn speech(
    patient: &Patient,
    perception: &Perception,
    reading: &NerveReading,
    pain: &Pain,
    stimulating: bool,
) -> String {
    let Some(m) = reading.motor.filter(|_| stimulating) else {
        return words::speech(patient, perception, pain, stimulating);
    };
    // The muscle speaks for the strength; the tingling words still say where it is felt.
    let calm = Perception {
        twitch: false,
        uncomfortable: false,
        ..perception.clone()
    };
    let said = words::speech(patient, &calm, pain, stimulating);
    let muscle = m.muscle.words;
    if !m.muscle.wanted {
        // The twitch comes first (it hurts), and the patient still says where it tingles.
        return format!(
            "Ow — there's a jerking in my {muscle} with every pulse, please turn it down. {said}"
        );
    }
    if perception.uncomfortable {
        return format!(
            "My {muscle} is cramping now — that's too strong, please turn it down. {said}"
        );
    }
    format!("I can feel my {muscle} tightening in time with it. {said}")
}
