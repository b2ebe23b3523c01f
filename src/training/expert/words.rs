//! The expert's numbers and the patient's answers in a trainee's words.

use crate::session::Session;

/// An amplitude in words: "4.2 mA".
pub(super) fn ma_words(v: f64) -> String {
    format!("{v:.1} mA")
}

/// Contacts in words: "lead 1: − on contact 2, + on 1 and 3".
pub fn contacts_words(code: &str) -> String {
    let leads: Vec<&str> = code.split('/').collect();
    let mut parts = Vec::new();
    for (l, lead) in leads.iter().enumerate() {
        let pick = |ch: char| -> Vec<String> {
            lead.chars()
                .enumerate()
                .filter(|(_, c)| *c == ch)
                .map(|(k, _)| k.to_string())
                .collect()
        };
        let (minus, plus) = (pick('-'), pick('+'));
        if minus.is_empty() && plus.is_empty() {
            continue;
        }
        let list = |v: &[String]| match v {
            [one] => format!("contact {one}"),
            [rest @ .., last] => format!("contacts {} and {last}", rest.join(", ")),
            [] => String::new(),
        };
        let mut p = Vec::new();
        if !minus.is_empty() {
            p.push(format!("cathode (−) on {}", list(&minus)));
        }
        if !plus.is_empty() {
            p.push(format!("anodes (+) on {}", list(&plus)));
        }
        let name = if leads.len() > 1 {
            format!("lead {}: ", l + 1)
        } else {
            String::new()
        };
        parts.push(format!("{name}{}", p.join(", ")));
    }
    parts.join("; ")
}

/// Where the patient feels the stimulation now, in the patient's words.
pub(super) fn felt_where(s: &Session) -> String {
    let view = s.steady_view();
    let regions = crate::patient::anatomy::REGIONS;
    let felt: Vec<&str> = view
        .response
        .perception
        .paresthesia
        .iter()
        .enumerate()
        .filter(|(_, v)| **v >= 0.2)
        .filter_map(|(i, _)| regions.get(i).map(|r| r.words))
        .collect();
    match felt.as_slice() {
        [] => "\u{201c}nothing\u{201d}".into(),
        [one] => format!("\u{201c}{one}\u{201d}"),
        [rest @ .., last] => format!("\u{201c}{} and {last}\u{201d}", rest.join(", ")),
    }
}

/// An impedance in Ω or kΩ.
pub(super) fn ohms(v: f64) -> String {
    if v >= 10_000.0 {
        format!("{:.0} kΩ", v / 1000.0)
    } else {
        format!("{v:.0} Ω")
    }
}

/// A number to a tenth, without a trailing ".0": "4", "4.5".
pub(super) fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        format!("{r:.1}")
    }
}
