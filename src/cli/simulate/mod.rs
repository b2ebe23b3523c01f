//! `scs-sim simulate`: one loop for every kind of implant, each kind's rows, happenings
//! and summary behind one small interface.

mod closed_loop;
mod pump;
mod run;
mod series;
mod start;
mod stim;

pub use run::simulate;
