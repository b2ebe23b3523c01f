//! Builds the expert's plan step by step on a copy of the session, so each step's words
//! can say what the patient answers after the steps before it.

use super::steps::{ExpertPlan, ExpertStep, TimedCommand};
use crate::session::{Command, RemoteKey, Role, Session};
use crate::training::exercise::Goal;
use crate::training::judge::judge;

/// Simulated time of the expert's first action, s (reading the brief, asking the patient).
const FIRST_S: f64 = 20.0;

/// Simulated time between two of the expert's actions, s.
pub(super) const GAP_S: f64 = 5.0;

/// Simulated time between two steps of a threshold ramp, s (as the programmer's ramp).
pub(super) const RAMP_S: f64 = 2.0;

/// Builds the plan step by step, keeping a copy of the session the steps lead to.
pub(super) struct Builder {
    /// The session the steps so far lead to (noise off).
    pub(super) session: Session,
    /// Simulated time of the next command, s.
    t_s: f64,
    /// The steps so far.
    steps: Vec<ExpertStep>,
}

impl Builder {
    /// A plan with no steps yet, on a noise-free copy of `start`, at the expert's first
    /// action.
    pub(super) fn new(start: &Session) -> Builder {
        let mut session = start.clone();
        session.set_noise(0.0);
        Builder {
            session,
            t_s: FIRST_S,
            steps: Vec::new(),
        }
    }

    /// A step of words only.
    pub(super) fn say(&mut self, words: String) {
        self.steps.push(ExpertStep {
            words,
            commands: Vec::new(),
        });
    }

    /// A step: its commands are applied to the copy (a refused one is left out) `gap_s`
    /// apart.
    pub(super) fn step(&mut self, words: String, commands: Vec<Command>, gap_s: f64) {
        let mut timed = Vec::new();
        for command in commands {
            self.session.advance_to(self.t_s);
            if self
                .session
                .apply_as(Role::Clinician, command.clone())
                .is_ok()
            {
                timed.push(TimedCommand {
                    t_s: self.t_s,
                    command,
                });
                self.t_s += gap_s;
            }
        }
        self.t_s += GAP_S;
        self.steps.push(ExpertStep {
            words,
            commands: timed,
        });
    }

    /// The next command waits until `t_s` (a booked moment), if that is later.
    pub(super) fn wait_until(&mut self, t_s: f64) {
        self.t_s = self.t_s.max(t_s);
    }

    /// Stimulation on, when it is off.
    pub(super) fn stimulation_on(&mut self) {
        if !self.session.device().is_some_and(|d| d.therapy_on) {
            self.step(
                "Turn stimulation on.".into(),
                vec![RemoteKey::TherapyOn.into()],
                GAP_S,
            );
        }
    }

    /// Runs the copy on until the goal is met and relief has settled (or 90 % of the
    /// budget), adds the waiting step and returns the plan.
    pub(super) fn finish(
        mut self,
        goal: &Goal,
        budget_s: f64,
        wait_words: Option<&str>,
    ) -> ExpertPlan {
        let last = (0.9 * budget_s).floor();
        let start = self.t_s.min(last);
        let steady = self.session.steady_view().pain;
        let mut t = start;
        loop {
            self.session.advance_to(t);
            // Judged as the grade judges the end (relief built so far, no fluctuation,
            // at most the steady relief: `judged_view`, its steady part computed once).
            let mut view = self.session.calm_view();
            if steady.relief_percent < view.pain.relief_percent {
                view.pain = steady.clone();
            }
            let settled = view.pain.relief_percent >= 0.95 * steady.relief_percent - 0.5;
            if (settled && judge(goal, &self.session, &view).met) || t >= last {
                break;
            }
            t = (t + wait_step_s(t - start)).min(last);
        }
        let finish_s = (t + WAIT_STEP_S).min(last).max(start);
        if let Some(w) = wait_words {
            self.say(format!(
                "{w} ({}), then finish.",
                wait_words_for(finish_s - start)
            ));
        }
        ExpertPlan {
            steps: self.steps,
            finish_s,
        }
    }
}

/// Simulated seconds between the expert's looks while relief builds.
const WAIT_STEP_S: f64 = 30.0;

/// The next look after `waited_s`: every 30 s for the first two hours, then every ten
/// minutes (a 10 kHz wash-in takes a day or two).
fn wait_step_s(waited_s: f64) -> f64 {
    if waited_s < 7200.0 {
        WAIT_STEP_S
    } else {
        600.0
    }
}

/// A wait in words: minutes up to two hours ("about 12 simulated minutes"), then hours and
/// days ("about 1 day 11 h of simulated time: next visits").
fn wait_words_for(wait_s: f64) -> String {
    let minutes = (wait_s / 60.0).ceil().max(1.0);
    if minutes <= 120.0 {
        format!(
            "about {minutes:.0} simulated minute{}",
            if minutes == 1.0 { "" } else { "s" }
        )
    } else {
        let hours = (wait_s / 3600.0).ceil() * 3600.0;
        format!(
            "about {} of simulated time: next visits",
            crate::session::action_words::gap_words(hours)
        )
    }
}
