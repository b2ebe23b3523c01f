//! Grading a recorded session against its exercise, from objective measures, with a
//! timeline of actions and what an expert would have done.

use super::exercise::{Exercise, Goal, StartError};
use super::judge::judge;
use crate::device::program::Program;
use crate::device::safety::WarningCode;
use crate::session::Role;
use crate::session::action_words::action_words;
use crate::session::record::{Integrity, Recording};
use crate::session::replay::{Divergence, replay_entry};
use crate::session::{Command, ProgrammerEdit, Session};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// Why a recording cannot be graded against an exercise.
#[derive(Debug, thiserror::Error)]
pub enum ScoreError {
    /// The recording names another exercise (or none).
    #[error(
        "this session was recorded for exercise '{}', not '{exercise}'",
        recorded.as_deref().unwrap_or("none")
    )]
    OtherExercise {
        /// The exercise the recording names.
        recorded: Option<String>,
        /// The exercise it is graded against.
        exercise: String,
    },
    /// The recording is of another patient than the exercise's.
    #[error(
        "this session was recorded on patient '{recorded}' but exercise '{exercise}' uses patient '{patient}'"
    )]
    OtherPatient {
        /// The patient the recording names.
        recorded: String,
        /// The exercise.
        exercise: String,
        /// The exercise's patient.
        patient: String,
    },
    /// The recording started with another seed or outside the clinician programmer.
    #[error(
        "this session did not start as exercise '{exercise}' starts (seed {seed}, in the clinician programmer)"
    )]
    OtherStart {
        /// The exercise.
        exercise: String,
        /// The exercise's seed.
        seed: u64,
    },
    /// The recording was not saved by scs-sim, or was edited since.
    #[error("this session was {}: it cannot be graded", integrity.words())]
    NotIntact {
        /// What its checksum says.
        integrity: Integrity,
    },
    /// An entry of the log is not the exercise's start command it should be.
    #[error(
        "entry {entry} of the log should be the exercise's start command ({action}); the session's setup is not the exercise's"
    )]
    NotTheSetup {
        /// The entry, from 1.
        entry: usize,
        /// The start command expected there, in words.
        action: String,
    },
    /// An entry after the start claims to come from the exercise.
    #[error("entry {entry} claims to come from the exercise, but the exercise's start is over")]
    AfterTheSetup {
        /// The entry, from 1.
        entry: usize,
    },
    /// The exercise's own start could not be set up.
    #[error(transparent)]
    Start(#[from] StartError),
    /// Replaying the log does not reach the recorded outcomes.
    #[error("the replay differs from the recording: {0}")]
    Replay(Box<Divergence>),
}

/// One action of the trainee.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Action {
    /// Simulated time, s.
    pub t_s: f64,
    /// What was done.
    pub action: String,
    /// Why it was refused, if it was.
    pub refused: Option<String>,
}

/// One part of the grade, with what it measured.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Criterion {
    /// What is graded ("Goal", "Relief", "Safety", "Efficiency", "Time").
    pub name: &'static str,
    /// Points earned.
    pub points: u32,
    /// Points possible.
    pub max: u32,
    /// Why, in words.
    pub detail: String,
}

/// The grade of one session.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScoreReport {
    /// Exercise id.
    pub exercise: String,
    /// Exercise title.
    pub title: String,
    /// Whether the goal was met.
    pub goal_met: bool,
    /// What the goal measured, in words.
    pub goal_detail: String,
    /// 0–100: the sum of the criteria (goal 50, relief 20, safety 15, efficiency 10,
    /// time 5).
    pub score: u32,
    /// The score, criterion by criterion.
    pub criteria: Vec<Criterion>,
    /// Steady relief at the end, %.
    pub relief_percent: f64,
    /// Coverage of the pain map at the end (0..1).
    pub coverage: f64,
    /// Safety warnings the trainee's settings triggered at any point.
    pub warnings_triggered: Vec<WarningCode>,
    /// Accepted programming and remote actions.
    pub adjustments: usize,
    /// Simulated time used, s.
    pub simulated_s: f64,
    /// Within the exercise's time budget.
    pub within_budget: bool,
    /// Every action with its time.
    pub timeline: Vec<Action>,
    /// What an expert would have done.
    pub expert: Vec<String>,
}

/// The expert way of `exercise` from its start `start`, planned once per exercise and
/// process: the plan is a search, and grading a folder of sessions (or *Finish* in the
/// window) would otherwise repeat it for every session of the same exercise.
fn expert_words(exercise: &Exercise, start: &Session) -> Vec<String> {
    static PLANNED: OnceLock<Mutex<HashMap<String, Vec<String>>>> = OnceLock::new();
    // The whole exercise is the key: a changed file is planned again.
    let Ok(key) = ron::to_string(exercise) else {
        return super::expert::plan(exercise, start).words();
    };
    let planned = PLANNED.get_or_init(Mutex::default);
    if let Some(words) = planned.lock().ok().and_then(|p| p.get(&key).cloned()) {
        return words;
    }
    let words = super::expert::plan(exercise, start).words();
    if let Ok(mut p) = planned.lock() {
        p.insert(key, words.clone());
    }
    words
}

/// Grades `recording` against `exercise` from the replay alone: the session is rebuilt
/// command by command at the recorded times, every outcome must match the recording, and
/// the grade reads the state the replay reached. A recording that does not belong to the
/// exercise, was edited outside scs-sim, or differs on replay is refused with a sentence.
pub fn score(exercise: &Exercise, recording: &Recording) -> Result<ScoreReport, ScoreError> {
    check_belongs(exercise, recording)?;
    let integrity = recording.integrity();
    if integrity != Integrity::Intact {
        return Err(ScoreError::NotIntact { integrity });
    }
    let setup = check_setup(exercise, recording)?;
    let mut s = exercise.start_session()?;
    let expert = expert_words(exercise, &s);
    let mut warnings: Vec<WarningCode> = Vec::new();
    let mut timeline = Vec::new();
    let mut adjustments = 0;
    let mut titrating = false;
    for (i, entry) in recording.log.iter().enumerate().skip(setup) {
        let before = s.device().clone();
        let up_before: Vec<WarningCode> = s.view().alerts.iter().map(|w| w.code).collect();
        replay_entry(&mut s, i, entry).map_err(ScoreError::Replay)?;
        if entry.refused.is_none() {
            // A run of amplitude changes (a ramp, a held key) is one titration.
            let amplitude = is_amplitude(&entry.command);
            if !(amplitude && titrating) {
                adjustments +=
                    adjustments_in(&entry.command, before.program(), s.device().program());
            }
            if adjustments_in(&entry.command, before.program(), s.device().program()) > 0
                || amplitude
            {
                titrating = amplitude;
            }
        }
        timeline.push(Action {
            t_s: entry.t_s,
            action: action_words(&entry.command, Some(&before)),
            refused: entry.refused.as_ref().map(ToString::to_string),
        });
        // Only what the trainee's action brought up counts: a warning the exercise starts
        // with is the problem to solve, and one the task requires costs nothing.
        for w in s.view().alerts {
            let counts = w.code.is_safety()
                && !exercise.goal.requires(w.code)
                && !up_before.contains(&w.code);
            if counts && !warnings.contains(&w.code) {
                warnings.push(w.code);
            }
        }
    }
    s.advance_to(recording.t_s);
    // Judged as the patient is at the session's own end: relief that had no time to build
    // does not count; the momentary fluctuation is left out so grades are fair.
    s.set_noise(0.0);
    let view = s.view();
    let (goal_met, goal_detail) = judge(&exercise.goal, &s, &view);
    let relief = view.pain.relief_percent;
    let within_budget = recording.t_s <= exercise.time_budget_s;
    let end = End {
        relief,
        comfortable: s.device().delivering()
            && !view
                .alerts
                .iter()
                .any(|w| w.code == WarningCode::Discomfort),
    };
    let criteria = criteria(
        &exercise.goal,
        (goal_met, &goal_detail),
        end,
        &warnings,
        adjustments,
        (recording.t_s, exercise.time_budget_s),
    );
    Ok(ScoreReport {
        exercise: exercise.id.clone(),
        title: exercise.title.clone(),
        goal_met,
        goal_detail,
        score: criteria.iter().map(|c| c.points).sum(),
        criteria,
        relief_percent: (relief * 10.0).round() / 10.0,
        coverage: (view.response.coverage * 1000.0).round() / 1000.0,
        warnings_triggered: warnings,
        adjustments,
        simulated_s: recording.t_s,
        within_budget,
        timeline,
        expert,
    })
}

/// How the patient is at the end of the session.
#[derive(Clone, Copy)]
struct End {
    /// Steady relief, %.
    relief: f64,
    /// Stimulation reaches the patient, below the discomfort threshold.
    comfortable: bool,
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
    }
}

/// The second criterion: relief where the task is to relieve; where it is to measure or
/// to make safe (thresholds, a safe window) relief is not asked for, so it rewards leaving
/// the patient stimulated and comfortable instead.
fn relief_criterion(goal: &Goal, end: End, acted: bool) -> Criterion {
    let measuring = matches!(
        goal,
        Goal::Thresholds { .. } | Goal::NerveThresholds { .. } | Goal::SafeWindow
    );
    let relief = end.relief;
    if measuring {
        let ok = acted && end.comfortable;
        return Criterion {
            name: "Comfort",
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
        name: "Relief",
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

/// The five parts of the grade.
fn criteria(
    goal: &Goal,
    (goal_met, goal_detail): (bool, &str),
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
    vec![
        Criterion {
            name: "Goal",
            points: if goal_met { 50 } else { 0 },
            max: 50,
            detail: goal_detail.to_string(),
        },
        relief_criterion(goal, end, acted),
        Criterion {
            name: "Safety",
            points: (15.0 - 5.0 * warnings.len() as f64).max(0.0) as u32,
            max: 15,
            detail: if named.is_empty() {
                "no safety warning along the way".into()
            } else {
                format!("5 points off for each: {}", named.join("; "))
            },
        },
        Criterion {
            name: "Efficiency",
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
            name: "Time",
            points: if used_s <= budget_s { 5 } else { 0 },
            max: 5,
            detail: format!("{} of a {} budget", minutes(used_s), minutes(budget_s)),
        },
    ]
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

/// The recording is of this exercise, on its patient, with its seed, started in the
/// programmer.
fn check_belongs(exercise: &Exercise, recording: &Recording) -> Result<(), ScoreError> {
    if recording.exercise.as_deref() != Some(exercise.id.as_str()) {
        return Err(ScoreError::OtherExercise {
            recorded: recording.exercise.clone(),
            exercise: exercise.id.clone(),
        });
    }
    if recording.patient != exercise.patient {
        return Err(ScoreError::OtherPatient {
            recorded: recording.patient.clone(),
            exercise: exercise.id.clone(),
            patient: exercise.patient.clone(),
        });
    }
    if recording.seed != exercise.seed || recording.role != Role::Clinician {
        return Err(ScoreError::OtherStart {
            exercise: exercise.id.clone(),
            seed: exercise.seed,
        });
    }
    Ok(())
}

/// The log opens with exactly the exercise's own start, sent by the exercise at t = 0.
/// Returns how many entries that is.
fn check_setup(exercise: &Exercise, recording: &Recording) -> Result<usize, ScoreError> {
    for (i, command) in exercise.start.iter().enumerate() {
        let same = recording.log.get(i).is_some_and(|e| {
            e.t_s == 0.0 && e.role == Role::Exercise && e.command == *command && e.refused.is_none()
        });
        if !same {
            return Err(ScoreError::NotTheSetup {
                entry: i + 1,
                action: action_words(command, None),
            });
        }
    }
    if let Some((i, _)) = recording
        .log
        .iter()
        .enumerate()
        .skip(exercise.start.len())
        .find(|(_, e)| e.role == Role::Exercise)
    {
        return Err(ScoreError::AfterTheSetup { entry: i + 1 });
    }
    Ok(exercise.start.len())
}

/// An amplitude change from the programmer or the remote.
fn is_amplitude(command: &Command) -> bool {
    matches!(
        command,
        Command::Programmer(ProgrammerEdit::SetAmplitude(_))
            | Command::Remote(
                crate::session::RemoteKey::AmplitudeUp | crate::session::RemoteKey::AmplitudeDown
            )
    )
}

/// How many adjustments an accepted command was: remote keys and programmer edits count,
/// a loaded program counts each setting it changed; world events and logins do not.
fn adjustments_in(command: &Command, before: &Program, after: &Program) -> usize {
    match command {
        Command::Programmer(ProgrammerEdit::LoadProgram(_)) => {
            let (a, b) = (&before.settings, &after.settings);
            let changed = [
                a.amplitude_ma != b.amplitude_ma,
                a.pulse_width_us != b.pulse_width_us,
                a.rate_hz != b.rate_hz,
                a.waveform != b.waveform,
                a.burst_pulses != b.burst_pulses || a.burst_rate_hz != b.burst_rate_hz,
                a.cycling != b.cycling,
                a.soft_start_s != b.soft_start_s,
                before.electrodes != after.electrodes,
                before.window != after.window,
            ];
            changed.iter().filter(|c| **c).count().max(1)
        }
        Command::Programmer(ProgrammerEdit::AskPatient(_)) => 0,
        Command::Programmer(_) | Command::Remote(_) => 1,
        Command::World(_) | Command::Access(_) => 0,
    }
}
