//! Practice exercises and their scoring: a patient, a starting state, a goal, hints and a
//! time budget; a score and debrief computed from objective measures of a session.

pub mod assistant;
pub mod attempt;
pub mod cohort;
pub mod cohort_loop;
pub mod criteria;
pub mod exercise;
pub mod expert;
pub mod goal_limits;
pub mod judge;
pub mod pump_course;
pub mod report_html;
pub mod score;
pub mod tally;
pub mod therapy;
pub mod vary;
