//! What the simulated patient says, in plain words, about what they feel.

use super::Pain;
use super::anatomy::{REGIONS, Side};
use super::perception::Perception;
use super::profile::Patient;

/// Joins region phrases as a person says them: "a, b and c".
pub(super) fn join(parts: &[&str]) -> String {
    match parts {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Regions sorted by `values` (highest first) above `floor`, at most `n`.
pub(super) fn top(values: &[f64; REGIONS.len()], floor: f64, n: usize) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..REGIONS.len()).filter(|&i| values[i] >= floor).collect();
    idx.sort_by(|a, b| values[*b].total_cmp(&values[*a]));
    idx.truncate(n);
    idx
}

/// One or two sentences the patient says now. `stimulating` is whether current flows.
pub fn speech(
    patient: &Patient,
    perception: &Perception,
    pain: &Pain,
    stimulating: bool,
) -> String {
    if !stimulating {
        return off_words(patient, pain);
    }
    if perception.twitch {
        return "Whoa — my muscles are jerking! Please turn it down.".into();
    }
    let band: Vec<String> = perception
        .band_regions
        .iter()
        .take(2)
        .map(|&i| band_words(i, perception.band_side))
        .collect();
    let band: Vec<&str> = band.iter().map(String::as_str).collect();
    // Every region on the map is named (the map shows exactly what reaches perception).
    let felt = top(&perception.paresthesia, f64::MIN_POSITIVE, REGIONS.len());
    if perception.uncomfortable {
        return too_strong_words(&band, &felt);
    }
    let easing = if pain.relief_percent >= 20.0 {
        " The pain is easing."
    } else {
        ""
    };
    if perception.paresthesia_free {
        return format!("I don't feel any tingling with this one, as you said.{easing}");
    }
    if felt.is_empty() {
        return format!("I don't feel anything yet.{easing}");
    }
    let mut text = where_felt_words(patient, perception, &felt);
    if !band.is_empty() {
        text.push_str(&format!(" There's a band round {} too.", join(&band)));
    }
    text.push_str(easing);
    text
}

/// What the patient says with the stimulator off: the worst pain, or relief that lasts.
fn off_words(patient: &Patient, pain: &Pain) -> String {
    let worst = top(&patient.pain, 0.1, 1)
        .first()
        .map_or("the pain", |&i| REGIONS[i].words);
    if pain.relief_percent >= 15.0 {
        format!("It's off, but the pain in {worst} hasn't come back yet.")
    } else {
        format!(
            "It's off. {} hurts — about {:.0} out of 10.",
            capitalise(worst),
            pain.vas
        )
    }
}

/// What the patient says when stimulation is uncomfortable: where it jolts or buzzes.
fn too_strong_words(band: &[&str], felt: &[usize]) -> String {
    let mut text = if band.is_empty() {
        "Ow, that's too strong — it's jolting.".to_string()
    } else {
        format!("That is buzzing round {}, it's uncomfortable.", join(band))
    };
    if !felt.is_empty() {
        text.push_str(&format!(" I feel it in {}.", region_names(felt)));
    }
    text.push_str(" Please turn it down.");
    text
}

/// Where the tingling is (`felt`, strongest first) against where it hurts: on the pain,
/// off it, and the painful regions it misses.
fn where_felt_words(patient: &Patient, perception: &Perception, felt: &[usize]) -> String {
    let strongest = perception.paresthesia[felt[0]];
    let kind = if strongest < 0.15 {
        "a faint tingling"
    } else {
        "a tingling"
    };
    let (on, off): (Vec<usize>, Vec<usize>) = felt.iter().partition(|&&i| patient.pain[i] > 0.0);
    let uncovered: Vec<usize> = top(&patient.pain, 0.1, REGIONS.len())
        .into_iter()
        .filter(|i| !felt.contains(i))
        .collect();
    if on.is_empty() {
        return format!(
            "I feel {kind} in {}. It's not really where it hurts, though.",
            region_names(&off)
        );
    }
    let mut text = format!("I feel {kind} in {}.", region_names(&on));
    text.push_str(if uncovered.is_empty() {
        " That's where it hurts."
    } else {
        " That's part of where it hurts."
    });
    if !off.is_empty() {
        text.push_str(&format!(" I also feel it in {}.", region_names(&off)));
    }
    if !uncovered.is_empty() {
        text.push_str(&format!(" Not in {} though.", region_names(&uncovered)));
    }
    text
}

/// The regions `idx` in the patient's words: "my neck and my left shoulder".
/// A band's region in words: a midline region (the chest, the belly) names the side when
/// the band lies on one side only ("the left side of my belly").
fn band_words(region: usize, side: Option<Side>) -> String {
    let r = &REGIONS[region];
    match (r.side, side) {
        (None, Some(side)) => format!("the {} side of {}", side.name(), r.words),
        _ => r.words.to_string(),
    }
}

fn region_names(idx: &[usize]) -> String {
    join(&idx.iter().map(|&i| REGIONS[i].words).collect::<Vec<_>>())
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map_or_else(String::new, |f| {
        f.to_uppercase().collect::<String>() + c.as_str()
    })
}
