//! Which way an expert takes through an exercise, by its goal.

use super::builder::Builder;
use super::closed_loop::closed_loop;
use super::mri::mri_day;
use super::nerve::nerve_coverage;
use super::pump::pump_words;
use super::spinal::{burst, high_frequency, recharge, safe_window, tonic};
use super::steps::{ExpertPlan, ExpertStep};
use super::thresholds::thresholds;
use crate::implant::stim::target::Search;
use crate::session::Session;
use crate::training::exercise::{Exercise, Goal};

/// The expert's way through `exercise`, from `start` (the session as the exercise sets
/// it up). Every command is one a clinician may send; none uses a faulty contact.
pub fn plan(exercise: &Exercise, start: &Session) -> ExpertPlan {
    if let Goal::Pump(goal) = &exercise.goal {
        // A pump exercise's expert way is in words, this attempt's own where the exercise
        // varies, else the file's; tests/pump_exercises.rs and tests/pump_mri.rs play it
        // step by step and hold it above 85.
        return ExpertPlan {
            steps: pump_words(goal, start, exercise.time_budget_s)
                .unwrap_or_else(|| exercise.expert.clone())
                .into_iter()
                .map(|words| ExpertStep {
                    words,
                    commands: Vec::new(),
                })
                .collect(),
            finish_s: exercise.time_budget_s,
        };
    }
    let mut b = Builder::new(start);
    let wait = match &exercise.goal {
        Goal::Thresholds { .. } | Goal::NerveThresholds { .. } => {
            thresholds(&mut b, &exercise.goal);
            None
        }
        Goal::SafeWindow => {
            safe_window(&mut b);
            None
        }
        Goal::ParesthesiaFree { .. } => {
            high_frequency(&mut b, &exercise.goal);
            Some("Its relief builds slowly: let time run")
        }
        Goal::Burst { .. } => {
            burst(&mut b, &exercise.goal);
            Some("Burst relief builds over minutes without tingling: let time run")
        }
        Goal::BatteryLife { .. } => {
            recharge(&mut b);
            tonic(&mut b, &exercise.goal);
            Some("Let the relief build and ask how the pain is")
        }
        Goal::MriDay { max_off_minutes } => {
            mri_day(&mut b, *max_off_minutes);
            None
        }
        Goal::ClosedLoop { .. } => {
            closed_loop(&mut b, &exercise.goal);
            Some(
                "Watch the live traces while the patient lies down, stands, coughs and bends; let the relief build",
            )
        }
        Goal::Pump(_) => None,
        Goal::Coverage { .. } | Goal::Relief { .. } | Goal::Placement { .. } => {
            let search = b.session.stimulator().map(|s| s.target().reach().search());
            if search == Some(Search::TestStimulation) {
                nerve_coverage(&mut b, &exercise.goal);
            } else {
                tonic(&mut b, &exercise.goal);
            }
            Some("Let the relief build and ask how the pain is")
        }
    };
    b.finish(&exercise.goal, exercise.time_budget_s, wait)
}
