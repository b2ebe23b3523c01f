//! The five parts of a grade (goal, relief or comfort, safety, efficiency, time), from
//! what the replay of a session measured.

use super::exercise::Goal;
use crate::device::safety::WarningCode;
use crate::implant::goal::Verdict;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// One part of the grade, with what it measured.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    /// What is graded ("Goal", "Relief", "Safety", "Efficiency", "Time"; owned when read
    /// back from a class server's grade).
    pub name: Cow<'static, str>,
    /// Points earned.
    pub points: u32,
    /// Points possible.
    pub max: u32,
    /// Why, in words.
    pub detail: String,
}

/// How the patient is at the end of the session.
#[derive(Clone, Copy)]
pub(crate) struct End {
    /// Steady relief, %.
    pub(crate) relief: f64,
    /// Stimulation reaches the patient, below the discomfort threshold.
    pub(crate) comfortable: bool,
}

/// A safety warning in a trainee's words.
pub fn warning_words(code: WarningCode) -> &'static str {
    match code {
        WarningCode::ChargeDensity => "charge density above the 30 µC/cm² limit",
        WarningCode::Shannon => "above the Shannon tissue-damage line",
        WarningCode::WindowChargeDensity => {
            "the patient's range reaches above the charge-density limit"
        }
        WarningCode::Compliance => "more voltage needed than the device has",
        WarningCode::Discomfort => "above the discomfort threshold",
        WarningCode::Impedance => "a contact in use is faulty",
        WarningCode::Configuration => "the contacts make no circuit",
        WarningCode::Battery => "battery low",
        WarningCode::Mri => "MRI mode",
        WarningCode::Link => "remote link lost",
        WarningCode::NerveDuty => "nerve stimulation above 30 Hz or half the time",
        WarningCode::MisplacedInjection => "drug injected outside the reservoir",
        WarningCode::LoopLimit => "the closed loop at a limit of its current",
    }
}

/// The second criterion: relief where the task is to relieve; where it is to measure or
/// to make safe (thresholds, a safe window, a closed loop that holds the dose) relief is
/// not asked for, so it rewards leaving the patient stimulated and comfortable instead.
fn relief_criterion(goal: &Goal, end: End, acted: bool) -> Criterion {
    let measuring = matches!(
        goal,
        Goal::Thresholds { .. }
            | Goal::NerveThresholds { .. }
            | Goal::SafeWindow
            | Goal::MriDay { .. }
            | Goal::ClosedLoop { .. }
    );
    let relief = end.relief;
    if measuring {
        let ok = acted && end.comfortable;
        return Criterion {
            name: "Comfort".into(),
            points: if ok { 20 } else { 0 },
            max: 20,
            detail: if !acted {
                "nothing was adjusted".into()
            } else if ok {
                "the patient is left stimulated and comfortable".into()
            } else {
                "the patient is left uncomfortable or without stimulation".into()
            },
        };
    }
    Criterion {
        name: "Relief".into(),
        points: if acted {
            (20.0 * (relief / 50.0).clamp(0.0, 1.0)).round() as u32
        } else {
            0
        },
        max: 20,
        detail: if acted {
            format!("{relief:.0}% relief at the end (full marks from 50%)")
        } else {
            format!("{relief:.0}% relief at the end, but nothing was adjusted")
        },
    }
}

/// Share of the other criteria a session earns: all of them when the goal is met, else in
/// proportion to how much of it was met, never more than 3/4 (so a missed goal stays
/// under 40 points however it was made).
const MISSED_GOAL_SHARE: f64 = 0.75;

/// The five parts of the grade.
pub(crate) fn criteria(
    goal: &Goal,
    verdict: &Verdict,
    end: End,
    warnings: &[WarningCode],
    adjustments: usize,
    (used_s, budget_s): (f64, f64),
) -> Vec<Criterion> {
    // Relief and efficiency reward what the trainee did: doing nothing earns neither.
    let acted = adjustments > 0;
    let efficiency = if !acted {
        0.0
    } else if adjustments <= 12 {
        10.0
    } else {
        (10.0 - (adjustments - 12) as f64 / 2.0).max(0.0)
    };
    let named: Vec<&str> = warnings.iter().map(|w| warning_words(*w)).collect();
    let others = vec![
        relief_criterion(goal, end, acted),
        Criterion {
            name: "Safety".into(),
            points: (15.0 - 5.0 * warnings.len() as f64).max(0.0) as u32,
            max: 15,
            detail: if named.is_empty() {
                "no safety warning along the way".into()
            } else {
                format!("5 points off for each: {}", named.join("; "))
            },
        },
        Criterion {
            name: "Efficiency".into(),
            points: efficiency.round() as u32,
            max: 10,
            detail: if acted {
                format!(
                    "{adjustments} adjustment{} (full marks up to 12; a run of amplitude steps counts once)",
                    if adjustments == 1 { "" } else { "s" }
                )
            } else {
                "nothing was adjusted".into()
            },
        },
        Criterion {
            name: "Time".into(),
            points: if used_s <= budget_s { 5 } else { 0 },
            max: 5,
            detail: format!("{} of a {} budget", minutes(used_s), minutes(budget_s)),
        },
    ];
    let goal = Criterion {
        name: "Goal".into(),
        points: if verdict.met { 50 } else { 0 },
        max: 50,
        detail: verdict.detail.clone(),
    };
    let share = if verdict.met {
        1.0
    } else {
        verdict.progress.min(MISSED_GOAL_SHARE)
    };
    std::iter::once(goal)
        .chain(others.into_iter().map(|c| scaled(c, share)))
        .collect()
}

/// A criterion counted at `share` of its points (the share of the goal met), saying so.
fn scaled(mut c: Criterion, share: f64) -> Criterion {
    if share < 1.0 {
        c.points = (f64::from(c.points) * share).round() as u32;
        c.detail.push_str(&format!(
            "; counted at {:.0}%, as much as the goal was met",
            share * 100.0
        ));
    }
    c
}

/// Simulated seconds as "12 min 30 s".
fn minutes(t_s: f64) -> String {
    let s = t_s.max(0.0).round() as u64;
    match (s / 60, s % 60) {
        (0, sec) => format!("{sec} s"),
        (m, 0) => format!("{m} min"),
        (m, sec) => format!("{m} min {sec} s"),
    }
}
