//! Grading a recorded session against its exercise, from objective measures, with a
//! timeline of actions and what an expert would have done.

pub use super::criteria::Criterion;
use super::criteria::{End, criteria};
use super::exercise::{Exercise, StartError};
use super::judge::{judge, judged_view};
pub use super::tally::Action;
use super::tally::Tally;
use crate::device::Device;
use crate::device::safety::WarningCode;
use crate::implant::stim::Stimulator;
use crate::session::action_words::action_words;
use crate::session::record::{Integrity, Recording};
use crate::session::replay::Divergence;
use crate::session::{Role, Session};
use serde::{Deserialize, Serialize};
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
    /// The recording started outside the clinician programmer, or with another seed than
    /// the exercise fixes.
    #[error(
        "this session did not start as exercise '{exercise}' starts (in the clinician programmer, with the exercise's seed if it fixes one)"
    )]
    OtherStart {
        /// The exercise.
        exercise: String,
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

/// The grade of one session (read back too: the class server sends it to the window).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScoreReport {
    /// Exercise id.
    pub exercise: String,
    /// Exercise title.
    pub title: String,
    /// The attempt's seed: which variant of the patient it met.
    pub seed: u64,
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
    /// The trainee the session file names, if it names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trainee: Option<String>,
    /// The day the session file was saved (`YYYY-MM-DD`), if it says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
}

/// The expert way of `exercise` from its start `start` (this attempt's variant), planned
/// once per exercise, attempt seed and process: the plan is a search, and grading a folder of sessions (or *Finish* in the
/// window) would otherwise repeat it for every session of the same exercise.
fn expert_words(exercise: &Exercise, start: &Session) -> Vec<String> {
    static PLANNED: OnceLock<Mutex<HashMap<String, Vec<String>>>> = OnceLock::new();
    // The whole exercise and the attempt's seed are the key: a changed file, or another
    // attempt's variant, is planned again.
    let Ok(file) = ron::to_string(exercise) else {
        return super::expert::plan(exercise, start).words();
    };
    let key = format!("{file}#{}", start.seed);
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
    let mut s = exercise.start_attempt(recording.seed)?;
    let setup = check_setup(&s, recording)?;
    let expert = expert_words(exercise, &s);
    let mut tally = Tally::default();
    for (i, entry) in recording.log.iter().enumerate().skip(setup) {
        tally
            .replay(&mut s, i, entry, &exercise.goal)
            .map_err(ScoreError::Replay)?;
    }
    s.advance_to(recording.t_s);
    // Judged as the patient is at the session's own end: relief that had no time to build
    // does not count; the momentary fluctuation is left out so grades are fair.
    s.set_noise(0.0);
    Ok(report(exercise, recording, &s, tally, expert))
}

/// The grade of the session `s` the replay of `recording` reached, at its end.
fn report(
    exercise: &Exercise,
    recording: &Recording,
    s: &Session,
    tally: Tally,
    expert: Vec<String>,
) -> ScoreReport {
    let view = judged_view(s);
    let verdict = tally.switched_by_remote(exercise, judge(&exercise.goal, s, &view));
    let relief = view.pain.relief_percent;
    let within_budget = recording.t_s <= exercise.time_budget_s;
    let end = End {
        relief,
        // Percutaneous leads withdrawn (before an MRI) end stimulation on purpose: the
        // patient is left as well as the task allows.
        comfortable: (s.device().is_some_and(Device::delivering)
            || s.implant()
                .downcast_ref::<Stimulator>()
                .is_some_and(Stimulator::percutaneous_out))
            && !view
                .alerts
                .iter()
                .any(|w| w.code == WarningCode::Discomfort),
    };
    let criteria = criteria(
        &exercise.goal,
        &verdict,
        end,
        &tally.warnings,
        tally.adjustments,
        (recording.t_s, exercise.time_budget_s),
    );
    ScoreReport {
        exercise: exercise.id.clone(),
        title: exercise.title.clone(),
        seed: recording.seed,
        goal_met: verdict.met,
        goal_detail: verdict.detail,
        score: criteria.iter().map(|c| c.points).sum(),
        criteria,
        relief_percent: (relief * 10.0).round() / 10.0,
        coverage: (view.response.coverage * 1000.0).round() / 1000.0,
        warnings_triggered: tally.warnings,
        adjustments: tally.adjustments,
        simulated_s: recording.t_s,
        within_budget,
        timeline: tally.timeline,
        expert,
        trainee: recording.trainee.clone(),
        date: recording.date.clone(),
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
    let fixed = exercise.seed.is_some_and(|seed| seed != recording.seed);
    if fixed || recording.role != Role::Clinician {
        return Err(ScoreError::OtherStart {
            exercise: exercise.id.clone(),
        });
    }
    Ok(())
}

/// The log opens with exactly the attempt's own start (`started`'s log: the exercise's
/// commands as this attempt's variant has them, sent by the exercise at t = 0), and no
/// later entry claims to come from the exercise. Returns how many entries that is.
fn check_setup(started: &Session, recording: &Recording) -> Result<usize, ScoreError> {
    for (i, expected) in started.log.iter().enumerate() {
        let same = recording.log.get(i).is_some_and(|e| {
            e.t_s == 0.0
                && e.role == Role::Exercise
                && e.command == expected.command
                && e.refused.is_none()
        });
        if !same {
            return Err(ScoreError::NotTheSetup {
                entry: i + 1,
                action: action_words(&expected.command, None),
            });
        }
    }
    let setup = started.log.len();
    if let Some((i, _)) = recording
        .log
        .iter()
        .enumerate()
        .skip(setup)
        .find(|(_, e)| e.role == Role::Exercise)
    {
        return Err(ScoreError::AfterTheSetup { entry: i + 1 });
    }
    Ok(setup)
}
