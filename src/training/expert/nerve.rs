//! The expert's way on a peripheral nerve stimulator: the introducer's distance for a lead
//! not yet deployed, or the guarded cathode along a placed lead, found by test stimulation
//! on copies of the session.

use super::builder::{Builder, GAP_S};
use super::titrate::titrate;
use super::words::{contacts_words, felt_where, ma_words};
use crate::session::{ProgrammerEdit, Role};
use crate::training::exercise::Goal;
use crate::training::judge::judge;

/// Peripheral nerves: the introducer distance (a lead not yet deployed) or the guarded
/// cathode along the lead, and the amplitude, found by test stimulation on copies.
pub(super) fn nerve_coverage(b: &mut Builder, goal: &Goal) {
    b.stimulation_on();
    b.say(format!(
        "Ask where the patient feels the stimulation now; the answer: {}.",
        felt_where(&b.session)
    ));
    let loose: Vec<usize> = b
        .session
        .device()
        .into_iter()
        .flat_map(|d| d.nerve_leads.iter())
        .enumerate()
        .filter(|(_, l)| !l.deployed)
        .map(|(i, _)| i)
        .collect();
    if loose.is_empty() {
        nerve_contacts(b, goal);
    } else {
        for lead in loose {
            place(b, goal, lead);
        }
    }
}

/// Tries each guarded cathode along every multi-contact lead; keeps the one that meets
/// the goal at the lowest amplitude (or relieves most).
fn nerve_contacts(b: &mut Builder, goal: &Goal) {
    let Some(d) = b.session.device() else {
        return;
    };
    let sizes: Vec<usize> = (0..d.lead_count())
        .map(|i| d.lead_model(i).contacts())
        .collect();
    let mut best: Option<(bool, f64, String, f64)> = None;
    for (l, &n) in sizes.iter().enumerate() {
        for cathode in 1..n.saturating_sub(1) {
            let code: Vec<String> = sizes
                .iter()
                .enumerate()
                .map(|(i, &m)| {
                    (0..m)
                        .map(|k| match (i == l, k as isize - cathode as isize) {
                            (true, 0) => '-',
                            (true, -1 | 1) => '+',
                            _ => '0',
                        })
                        .collect()
                })
                .collect();
            let code = code.join("/");
            let mut trial = b.session.clone();
            let set = ProgrammerEdit::SetContacts {
                code: code.clone(),
                case_anode: false,
            };
            if trial.apply_as(Role::Clinician, set).is_err() {
                continue;
            }
            let from = trial.perception_threshold().unwrap_or(0.0);
            let Some(ma) = titrate(&trial, goal, from) else {
                continue;
            };
            let _ = trial.apply_as(Role::Clinician, ProgrammerEdit::SetAmplitude(ma));
            let view = trial.steady_view();
            let met = judge(goal, &trial, &view).met;
            let relief = view.pain.relief_percent;
            let better = best
                .as_ref()
                .is_none_or(|(bm, br, _, _)| (met && !bm) || (met == *bm && relief > br + 0.5));
            if better {
                best = Some((met, relief, code, ma));
            }
        }
    }
    let Some((_, _, code, ma)) = best else {
        b.say("No contact reaches the nerve: the lead needs revision.".into());
        return;
    };
    b.step(
        format!(
            "Move the guarded cathode along the lead to where the nerve now crosses it: {}.",
            contacts_words(&code)
        ),
        vec![
            ProgrammerEdit::SetContacts {
                code,
                case_anode: false,
            }
            .into(),
        ],
        GAP_S,
    );
    let pt = b.session.perception_threshold();
    b.step(
        format!(
            "Raise the amplitude, asking: first felt at about {}; settle at {}, below any twitch or discomfort.",
            pt.map_or("no level".into(), ma_words),
            ma_words(ma)
        ),
        vec![ProgrammerEdit::SetAmplitude(ma).into()],
        GAP_S,
    );
}

/// A percutaneous lead in its introducer: the distance and amplitude that meet the goal
/// once deployed (the closest comfortable distance that works), then deploy.
fn place(b: &mut Builder, goal: &Goal, lead: usize) {
    let Some(site) = b
        .session
        .device()
        .and_then(|d| d.nerve_leads.get(lead))
        .map(|l| l.site)
    else {
        return;
    };
    let mut found: Option<(f64, f64)> = None;
    let mut distances: Vec<f64> = (2..=24).map(f64::from).collect();
    // Remote targeting: try 0.5–1.0 cm first, then nearer and further.
    distances.sort_by(|a, b| (a - 7.5).abs().total_cmp(&(b - 7.5).abs()));
    for d in distances {
        let mut trial = b.session.clone();
        let moved = trial.apply_as(
            Role::Clinician,
            ProgrammerEdit::MoveIntroducer {
                lead,
                distance_mm: d,
            },
        );
        let deployed = trial.apply_as(Role::Clinician, ProgrammerEdit::DeployLead(lead));
        if moved.is_err() || deployed.is_err() {
            continue;
        }
        let from = trial.perception_threshold().unwrap_or(0.0);
        let Some(ma) = titrate(&trial, goal, from) else {
            continue;
        };
        let _ = trial.apply_as(Role::Clinician, ProgrammerEdit::SetAmplitude(ma));
        if judge(goal, &trial, &trial.steady_view()).met {
            found = Some((d, ma));
            break;
        }
    }
    let Some((d, ma)) = found else {
        b.say(format!(
            "No distance from the {} covers the pain without a twitch: reconsider the target.",
            site.nerve
        ));
        return;
    };
    b.step(
        format!(
            "Under ultrasound, move lead {}'s introducer to about {d:.0} mm from the {} (it starts at {:.0} mm).",
            lead + 1,
            site.nerve,
            site.distance_mm
        ),
        vec![
            ProgrammerEdit::MoveIntroducer {
                lead,
                distance_mm: d,
            }
            .into(),
        ],
        GAP_S,
    );
    b.step(
        format!(
            "With test stimulation, raise the amplitude to {}: the patient feels it where it hurts, with no twitch.",
            ma_words(ma)
        ),
        vec![ProgrammerEdit::SetAmplitude(ma).into()],
        GAP_S,
    );
    b.step(
        format!("Deploy lead {} there.", lead + 1),
        vec![ProgrammerEdit::DeployLead(lead).into()],
        GAP_S,
    );
}
