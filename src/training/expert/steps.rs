//! The expert's way as data: steps in words, each with the timed commands that do it.

use crate::session::Command;

/// One command at its simulated time.
#[derive(Clone, Debug, PartialEq)]
pub struct TimedCommand {
    /// Simulated time since the exercise started, s.
    pub t_s: f64,
    /// The command, sent by the clinician.
    pub command: Command,
}

/// One step of the expert's way: what to do in words and the commands that do it (none
/// for a step that is only looking, asking or waiting).
#[derive(Clone, Debug, PartialEq)]
pub struct ExpertStep {
    /// What to do, in a trainee's words.
    pub words: String,
    /// The commands, in order.
    pub commands: Vec<TimedCommand>,
}

/// The expert's way through one exercise.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpertPlan {
    /// The steps, in order.
    pub steps: Vec<ExpertStep>,
    /// When the expert finishes, simulated s (once the goal is met and relief has built).
    pub finish_s: f64,
}

impl ExpertPlan {
    /// The steps in words, for the debrief.
    pub fn words(&self) -> Vec<String> {
        self.steps.iter().map(|s| s.words.clone()).collect()
    }

    /// Every command with its time, in order.
    pub fn commands(&self) -> impl Iterator<Item = &TimedCommand> {
        self.steps.iter().flat_map(|s| s.commands.iter())
    }
}
