//! Each implant's panels, one folder per kind: the stimulator's (spinal cord and
//! peripheral nerve) in `stim/`, the drug pump's in `pump/`.

pub mod pump;
pub mod stim;
