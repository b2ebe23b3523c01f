//! A peripheral nerve stimulator's placement flags: the nerve, the distance to it, and
//! deploying leads still in their introducers (as ultrasound would guide them).

use super::apply::apply;
use super::given::KindFlags;
use crate::cli::flag;
use anyhow::{Result, anyhow};
use clap::Args;
use scs_sim::implant::SetupPart;
use scs_sim::patient::nerve::Nerve;
use scs_sim::session::{Command, ProgrammerEdit, Session, WorldEvent};

/// Where a peripheral nerve stimulator's lead 1 lies.
#[derive(Args, Debug, Clone, Default)]
pub struct NerveFlags {
    /// Peripheral nerve stimulation: distance from lead 1 to its nerve, mm (negative:
    /// inside the nerve).
    #[arg(long, allow_negative_numbers = true, value_parser = crate::cli::flag::number)]
    pub distance_mm: Option<f64>,
    /// Peripheral nerve stimulation: the nerve lead 1 lies at (greater_occipital,
    /// supraorbital, femoral, sciatic, lumbar_medial_branch, axillary, superior_cluneal,
    /// ilioinguinal).
    #[arg(long)]
    pub nerve: Option<String>,
    /// Peripheral nerve stimulation: deploy every percutaneous lead still in its
    /// introducer (after --distance-mm has moved it).
    #[arg(long)]
    pub deploy: bool,
}

impl KindFlags for NerveFlags {
    const PART: SetupPart = SetupPart::NerveLeads;
}

impl NerveFlags {
    /// Refuses numbers that are not finite, naming the flag.
    pub fn check_numbers(&self) -> Result<()> {
        flag::finite("--distance-mm", self.distance_mm)
    }

    /// Moves lead 1, then deploys the leads waiting in their introducers.
    pub fn apply(&self, s: &mut Session) -> Result<()> {
        if let Some((flag, command)) = self.nerve_command(s)? {
            apply(s, flag, command)?;
        }
        if self.deploy {
            deploy_waiting(s)?;
        }
        Ok(())
    }

    /// `--nerve` / `--distance-mm`: lead 1 at another nerve or distance (as ultrasound
    /// would place it), keeping its side, depth and position along the nerve.
    fn nerve_command(&self, s: &Session) -> Result<Option<(&'static str, Command)>> {
        if self.nerve.is_none() && self.distance_mm.is_none() {
            return Ok(None);
        }
        let Some(lead) = s.device().and_then(|d| d.nerve_leads.first()) else {
            return Ok(None);
        };
        let mut site = lead.site;
        if let Some(n) = &self.nerve {
            site.nerve =
                Nerve::parse(flag::short("--nerve", n)?).map_err(|e| anyhow!("--nerve: {e}"))?;
        }
        if let Some(d) = self.distance_mm {
            site.distance_mm = d;
        }
        let flag = match (self.nerve.is_some(), self.distance_mm.is_some()) {
            (true, false) => "--nerve",
            (false, true) => "--distance-mm",
            _ => "--nerve/--distance-mm",
        };
        // A lead still in its introducer is moved by the clinician under ultrasound; a
        // deployed one only by the scene (a placement or migration).
        if !lead.deployed && self.nerve.is_none() {
            let edit = ProgrammerEdit::MoveIntroducer {
                lead: 0,
                distance_mm: site.distance_mm,
            };
            return Ok(Some((flag, edit.into())));
        }
        let event = WorldEvent::PlaceNerveLead {
            lead: 0,
            site,
            deployed: lead.deployed,
        };
        Ok(Some((flag, event.into())))
    }
}

/// `--deploy`: every lead still in its introducer is deployed.
fn deploy_waiting(s: &mut Session) -> Result<()> {
    let waiting: Vec<usize> = s
        .device()
        .into_iter()
        .flat_map(|d| d.nerve_leads.iter().enumerate())
        .filter(|(_, l)| !l.deployed)
        .map(|(i, _)| i)
        .collect();
    if waiting.is_empty() {
        return Err(anyhow!(
            "--deploy refused: no lead is waiting in its introducer (every lead is deployed)"
        ));
    }
    for lead in waiting {
        apply(s, "--deploy", ProgrammerEdit::DeployLead(lead))?;
    }
    Ok(())
}
