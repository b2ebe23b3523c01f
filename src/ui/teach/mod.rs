//! The teacher's tools: the door (the Teach password), the teacher panel (events,
//! exercises, files, the cohort), the debrief, the replay bar and the CSV export.

pub mod cohort_chart;
pub mod debrief;
pub mod door;
pub mod export;
pub mod replay_bar;
pub mod teacher;
