//! Exercise files (`assets/exercises/*.ron`) and the built-in exercises.

use super::vary::Vary;
use crate::files::{self, FileError};
pub use crate::implant::goal::Goal;
use crate::library;
use crate::session::{Command, Refusal, Role, Session};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Why an exercise's session could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The exercise's patient could not be opened.
    #[error(transparent)]
    Patient(#[from] FileError),
    /// A command of the exercise's start was refused.
    #[error("start command {number} ({action}) is refused: {refusal}")]
    Refused {
        /// Its place in `start`, from 1.
        number: usize,
        /// The command in words.
        action: String,
        /// Why it was refused.
        refusal: Refusal,
    },
}

impl StartError {
    /// The exercise file's field the problem lies in.
    fn field(&self) -> &'static str {
        match self {
            StartError::Patient(_) => "patient",
            StartError::Refused { .. } => "start",
        }
    }
}

/// One practice exercise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Exercise")]
pub struct Exercise {
    /// File format version.
    pub version: u32,
    /// Short id, e.g. `leg-coverage`.
    pub id: String,
    /// Title shown in lists.
    pub title: String,
    /// Built-in patient id.
    pub patient: String,
    /// What the trainee is told.
    pub brief: String,
    /// A fixed seed: every attempt meets the same variant of the patient (a teacher
    /// fixing one for a class, so grades compare). Without it each attempt draws its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    /// How the patient varies from one attempt to the next.
    #[serde(default, skip_serializing_if = "is_fixed")]
    pub vary: Vary,
    /// Commands that set the scene at t = 0 (sent by the exercise).
    #[serde(default)]
    pub start: Vec<Command>,
    /// The goal.
    pub goal: Goal,
    /// Hints, in the order to give them.
    #[serde(default)]
    pub hints: Vec<String>,
    /// Simulated seconds the trainee has.
    pub time_budget_s: f64,
    /// Simulated seconds per wall-clock second while the exercise runs in the window
    /// (1, 10 or 60; 10 when the file does not say). The trainee cannot change it.
    #[serde(default = "default_speed")]
    pub speed: f64,
    /// Whether switching to a stored program on the patient's remote may meet the goal
    /// (false: the exercise asks for the clinician's programming).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub remote_programs: bool,
    /// Whether the trainee may ask the patient to change posture, cough and bend during
    /// the exercise (closed-loop exercises: the loop is checked so; the grade's own check
    /// is the same whatever the trainee did).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub patient_moves: bool,
    /// The expert way in words, for drug-pump exercises (stimulator exercises plan it from
    /// the model, [`super::expert::plan`], and ignore this; older files still load).
    #[serde(default, skip_serializing)]
    pub expert: Vec<String>,
}

/// The variation of an exercise whose file names none.
fn is_fixed(vary: &Vary) -> bool {
    *vary == Vary::default()
}

/// Seed of the attempt an exercise's own checks start (and a fixed-seed-free caller's).
pub const FIRST_SEED: u64 = 1;

/// Speed of an exercise whose file does not declare one.
pub const DEFAULT_SPEED: f64 = 10.0;

/// The speeds an exercise may declare (those of the window's speed buttons).
pub const SPEEDS: [f64; 3] = [1.0, 10.0, 60.0];

fn default_speed() -> f64 {
    DEFAULT_SPEED
}

/// Exercise file format this build reads. Version 2 writes `start` commands by sender
/// (`Remote(TherapyOn)`, `Programmer(SetAmplitude(5.0))`, `World(SetPosture(Supine))`).
pub const EXERCISE_VERSION: u32 = 2;

const OLDER: &str = "exercise files of version 1 listed `start` commands without their \
sender; since version 2 each is wrapped: Remote(TherapyOn), Programmer(SetAmplitude(5.0)), \
World(SetPosture(Supine)). Wrap them and set `version: 2`";

/// (id, file text) of the built-in exercises.
pub const BUILT_IN: [(&str, &str); 25] = [
    (
        "leg-coverage",
        include_str!("../../assets/exercises/leg-coverage.ron"),
    ),
    (
        "thresholds",
        include_str!("../../assets/exercises/thresholds.ron"),
    ),
    (
        "lead-migration",
        include_str!("../../assets/exercises/lead-migration.ron"),
    ),
    (
        "open-circuit",
        include_str!("../../assets/exercises/open-circuit.ron"),
    ),
    (
        "safe-window",
        include_str!("../../assets/exercises/safe-window.ron"),
    ),
    (
        "convert-to-10khz",
        include_str!("../../assets/exercises/convert-to-10khz.ron"),
    ),
    (
        "posture-change",
        include_str!("../../assets/exercises/posture-change.ron"),
    ),
    (
        "pns-placement",
        include_str!("../../assets/exercises/pns-placement.ron"),
    ),
    (
        "pns-window",
        include_str!("../../assets/exercises/pns-window.ron"),
    ),
    (
        "ons-migration",
        include_str!("../../assets/exercises/ons-migration.ron"),
    ),
    (
        "cervical-arm",
        include_str!("../../assets/exercises/cervical-arm.ron"),
    ),
    (
        "lead-fracture",
        include_str!("../../assets/exercises/lead-fracture.ron"),
    ),
    (
        "battery-drain",
        include_str!("../../assets/exercises/battery-drain.ron"),
    ),
    (
        "tonic-to-burst",
        include_str!("../../assets/exercises/tonic-to-burst.ron"),
    ),
    (
        "scs-mri",
        include_str!("../../assets/exercises/scs-mri.ron"),
    ),
    (
        "pns-mri",
        include_str!("../../assets/exercises/pns-mri.ron"),
    ),
    (
        "closed-loop-setup",
        include_str!("../../assets/exercises/closed-loop-setup.ron"),
    ),
    (
        "closed-loop-tuning",
        include_str!("../../assets/exercises/closed-loop-tuning.ron"),
    ),
    (
        "closed-loop-jolts",
        include_str!("../../assets/exercises/closed-loop-jolts.ron"),
    ),
    (
        "pump-refill",
        include_str!("../../assets/exercises/pump-refill.ron"),
    ),
    (
        "pump-concentration-change",
        include_str!("../../assets/exercises/pump-concentration-change.ron"),
    ),
    (
        "pump-ziconotide-titration",
        include_str!("../../assets/exercises/pump-ziconotide-titration.ron"),
    ),
    (
        "pump-bolus",
        include_str!("../../assets/exercises/pump-bolus.ron"),
    ),
    (
        "pump-baclofen-withdrawal",
        include_str!("../../assets/exercises/pump-baclofen-withdrawal.ron"),
    ),
    (
        "pump-mri",
        include_str!("../../assets/exercises/pump-mri.ron"),
    ),
];

impl Exercise {
    /// The seed of a new attempt: the exercise's fixed one, or `fresh` (drawn by the
    /// caller at the edge: the window or the command line).
    pub fn attempt_seed(&self, fresh: u64) -> u64 {
        self.seed.unwrap_or(fresh)
    }

    /// Variant `draw` of attempt `seed` (`None`: the patient and start as the file has
    /// them), set up as the exercise starts it: the start's commands logged as the
    /// exercise's, in the clinician programmer. [`super::attempt`] picks which draw an
    /// attempt meets.
    pub fn variant(&self, seed: u64, draw: Option<u64>) -> Result<Session, StartError> {
        let mut start = self.start.clone();
        let (patient, implant) = library::open_varied(&self.patient, |spec| {
            if let Some(draw) = draw {
                start = self.vary.draw(seed, draw, spec, &self.start);
            }
        })?;
        let mut s = Session::hosting(patient, implant, Role::Clinician, seed);
        s.exercise = Some(self.id.clone());
        s.patient_moves = self.patient_moves;
        for (i, c) in start.iter().enumerate() {
            s.apply_as(Role::Exercise, c.clone())
                .map_err(|refusal| StartError::Refused {
                    number: i + 1,
                    action: crate::session::action_words::action_words(c, None),
                    refusal,
                })?;
        }
        Ok(s)
    }

    /// Every problem with the exercise itself.
    fn problems(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        if self.id.trim().is_empty() || self.title.trim().is_empty() {
            out.push(("id", "id and title must not be empty".to_string()));
        }
        // Pump work and a 10 kHz wash-in span days to weeks (the days pass by the next
        // visit): an exercise may take up to 28 days.
        let (max_s, max_words) = (28.0 * 86_400.0, "28 days");
        if !self.time_budget_s.is_finite()
            || self.time_budget_s <= 0.0
            || self.time_budget_s > max_s
        {
            out.push((
                "time_budget_s",
                format!(
                    "time budget {} s is outside 1 s – {max_words}",
                    self.time_budget_s
                ),
            ));
        }
        if !SPEEDS.contains(&self.speed) {
            out.push((
                "speed",
                format!(
                    "speed {} must be 1, 10 or 60 (simulated seconds per second)",
                    self.speed
                ),
            ));
        }
        if let Some(m) = goal_problem(&self.goal) {
            out.push(("goal", m.to_string()));
        }
        out.extend(self.vary.problems());
        if out.is_empty() {
            match self.variant(FIRST_SEED, None) {
                Err(e) => out.push((e.field(), e.to_string())),
                Ok(s) => out.extend(self.scene_problems(&s)),
            }
        }
        out
    }

    /// Each scene of the variation played after the start (`started`): a command refused
    /// there is a problem of the file, not a variant quietly never dealt.
    fn scene_problems(&self, started: &Session) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        for (n, scene) in self.vary.scenes.iter().enumerate() {
            let mut s = started.clone();
            for (i, c) in scene.iter().enumerate() {
                if let Err(refusal) = s.apply_as(Role::Exercise, c.clone()) {
                    let action = crate::session::action_words::action_words(c, None);
                    out.push((
                        "scenes",
                        format!(
                            "vary: scene {} command {} ({action}) is refused: {refusal}",
                            n + 1,
                            i + 1
                        ),
                    ));
                    break;
                }
            }
        }
        out
    }
}

/// What is wrong with a goal's own numbers, if anything.
fn goal_problem(goal: &Goal) -> Option<&'static str> {
    let bad = |v: f64, lo: f64, hi: f64| !v.is_finite() || v < lo || v > hi;
    match *goal {
        Goal::Coverage { min_coverage } if bad(min_coverage, 0.05, 1.0) => {
            Some("min_coverage must be 0.05–1")
        }
        Goal::Thresholds { within_percent } if bad(within_percent, 1.0, 50.0) => {
            Some("within_percent must be 1–50")
        }
        Goal::Relief { min_percent } if bad(min_percent, 1.0, 100.0) => {
            Some("min_percent must be 1–100")
        }
        Goal::Placement { min_coverage } if bad(min_coverage, 0.05, 1.0) => {
            Some("min_coverage must be 0.05–1")
        }
        Goal::NerveThresholds { within_percent } if bad(within_percent, 1.0, 50.0) => {
            Some("within_percent must be 1–50")
        }
        Goal::ParesthesiaFree {
            max_above_needed_percent: Some(above),
            ..
        } if bad(above, 1.0, 100.0) => Some("max_above_needed_percent must be 1–100"),
        Goal::ParesthesiaFree {
            min_relief_percent, ..
        }
        | Goal::Burst { min_relief_percent }
            if bad(min_relief_percent, 1.0, 100.0) =>
        {
            Some("min_relief_percent must be 1–100")
        }
        Goal::BatteryLife {
            min_days,
            min_relief_percent,
        } if bad(min_days, 1.0, 365.0) || bad(min_relief_percent, 1.0, 100.0) => {
            Some("min_days must be 1–365 and min_relief_percent 1–100")
        }
        Goal::MriDay { max_off_minutes } if bad(max_off_minutes, 1.0, 240.0) => {
            Some("max_off_minutes must be 1–240")
        }
        Goal::ClosedLoop {
            target_percent,
            min_in_window,
        } if bad(target_percent, 1.0, 50.0) || bad(min_in_window, 0.05, 1.0) => {
            Some("target_percent must be 1–50 and min_in_window 0.05–1")
        }
        Goal::Pump(ref g) => g.problem(),
        _ => None,
    }
}

/// Parses and validates an exercise file's text.
pub fn parse_exercise(path: &Path, text: &str) -> Result<Exercise, FileError> {
    let exercise: Exercise = files::parse_ron_versioned(path, text, EXERCISE_VERSION, OLDER)?;
    let problems = exercise.problems();
    if problems.is_empty() {
        return Ok(exercise);
    }
    Err(FileError::Invalid {
        path: path.to_path_buf(),
        problems: problems
            .into_iter()
            .map(|(f, m)| files::locate(text, f, 0, m))
            .collect(),
    })
}

/// An exercise by built-in id or file path.
pub fn find(name: &str) -> Result<Exercise, FileError> {
    if let Some((id, text)) = BUILT_IN.iter().find(|(id, _)| *id == name) {
        return parse_exercise(Path::new(&format!("assets/exercises/{id}.ron")), text);
    }
    let path = Path::new(name);
    if path.exists() {
        return parse_exercise(path, &files::read_text(path)?);
    }
    let ids: Vec<&str> = BUILT_IN.iter().map(|(id, _)| *id).collect();
    Err(FileError::whole(
        path,
        format!("unknown exercise (built-in: {})", ids.join(", ")),
    ))
}
