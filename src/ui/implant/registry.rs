//! The registry: which panels the session's implant shows. The one place in the window
//! that matches on the kind of implant; each kind's panels get its concrete part (a
//! stimulator, a pump), and the shell sees only [`ImplantPanels`].

use super::panels::ImplantPanels;
use super::pump::panels::{PumpPanels, PumpView};
use super::stim::panels::{StimPanels, StimView};
use crate::implant::Implant;

/// Every kind's panels with their state, kept across sessions as the window's panels
/// always were (a scope's time base, a pump's speed).
#[derive(Debug, Default)]
pub struct ImplantDesks {
    /// A stimulator's panels (spinal cord or peripheral nerve).
    pub stim: StimPanels,
    /// A drug pump's panels.
    pub pump: PumpPanels,
}

/// The panels `implant` shows, with their state from `desks`.
pub fn panels_for<'a>(
    implant: &'a Implant,
    desks: &'a mut ImplantDesks,
) -> Box<dyn ImplantPanels + 'a> {
    match implant {
        Implant::Stim(stim) => Box::new(StimView::new(&mut desks.stim, stim)),
        Implant::Pump(pump) => Box::new(PumpView::new(&mut desks.pump, pump)),
    }
}
