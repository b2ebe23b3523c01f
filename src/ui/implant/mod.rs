//! Each implant's panels, one folder per kind: the stimulator's (spinal cord and
//! peripheral nerve) in `stim/`, the drug pump's in `pump/`, behind one interface
//! ([`panels::ImplantPanels`]); [`registry`] is the one place that maps the session's
//! implant to its panels.

pub mod inside_panel;
pub mod panels;
pub mod pump;
pub mod registry;
pub mod remote_side;
pub mod stim;
