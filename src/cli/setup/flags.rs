//! SETUP as the command line gives it: the patient, each kind's group of flags, and the
//! posture and pain every kind takes.

use super::given::Given;
use super::nerve::NerveFlags;
use super::pump::PumpFlags;
use super::spine::SpineFlags;
use super::stim::StimFlags;
use clap::Args;

/// SETUP: which patient, and how the implant is programmed (each kind's flags in their
/// own group; posture and pain for every kind).
#[derive(Args, Debug, Clone, Default)]
pub struct Setup {
    /// Built-in patient id or patient file (default: the built-in default patient).
    #[arg(long)]
    pub patient: Option<String>,
    /// A stimulator's programming.
    #[command(flatten)]
    pub stim: Given<StimFlags>,
    /// A spinal cord stimulator's leads.
    #[command(flatten)]
    pub spine: Given<SpineFlags>,
    /// supine, sitting, standing or prone.
    #[arg(long)]
    pub posture: Option<String>,
    /// Pain map replacing the patient's: REGION=VAS,REGION=VAS.
    #[arg(long)]
    pub pain: Option<String>,
    /// A peripheral nerve stimulator's lead.
    #[command(flatten)]
    pub nerve: Given<NerveFlags>,
    /// A drug pump's prescription.
    #[command(flatten)]
    pub pump: Given<PumpFlags>,
}
