//! A spinal cord stimulator's placement flags: lead level, lateral offset and CSF, applied
//! as the scene's placement (as fluoroscopy would place the leads).

use super::apply::apply;
use super::given::KindFlags;
use crate::cli::flag;
use anyhow::{Result, anyhow};
use clap::Args;
use scs_sim::device::lead::{Placement, Vertebra};
use scs_sim::implant::SetupPart;
use scs_sim::session::{Command, Session, WorldEvent};

/// Where a spinal cord stimulator's leads lie.
#[derive(Args, Debug, Clone, Default)]
pub struct SpineFlags {
    /// Vertebra at whose top the lead tip sits (C1–L2); moves every lead.
    #[arg(long)]
    pub lead_level: Option<String>,
    /// Lateral offset of lead 1 from the midline, mm (negative = left).
    #[arg(long, allow_negative_numbers = true, value_parser = crate::cli::flag::number)]
    pub lateral_mm: Option<f64>,
    /// Dorsal CSF thickness under the lead lying supine, mm (replaces the anatomy's;
    /// posture still moves the cord from there, as in the body).
    #[arg(long, allow_negative_numbers = true, value_parser = crate::cli::flag::number)]
    pub csf_mm: Option<f64>,
}

impl KindFlags for SpineFlags {
    const PART: SetupPart = SetupPart::SpineLeads;
}

impl SpineFlags {
    /// Refuses numbers that are not finite, naming the flag.
    pub fn check_numbers(&self) -> Result<()> {
        flag::finite("--lateral-mm", self.lateral_mm)?;
        flag::finite("--csf-mm", self.csf_mm)
    }

    /// Places the leads, then sets the CSF under them.
    pub fn apply(&self, s: &mut Session) -> Result<()> {
        for (flag, command) in self.placement_commands(s)? {
            apply(s, flag, command)?;
        }
        if let Some(v) = self.csf_mm {
            apply(s, "--csf-mm", WorldEvent::SetCsf(Some(v)))?;
        }
        Ok(())
    }

    /// `--lead-level` / `--lateral-mm`: every lead at the level, lead 1 at the offset.
    fn placement_commands(&self, s: &Session) -> Result<Vec<(&'static str, Command)>> {
        let mut out = Vec::new();
        if self.lead_level.is_none() && self.lateral_mm.is_none() {
            return Ok(out);
        }
        let level = match &self.lead_level {
            Some(l) => Some(
                Vertebra::parse(flag::short("--lead-level", l)?)
                    .map_err(|e| anyhow!("--lead-level: {e}"))?,
            ),
            None => None,
        };
        for (lead, now) in s
            .device()
            .into_iter()
            .flat_map(|d| d.placements.iter().enumerate())
        {
            let mut placement = Placement {
                level: level.unwrap_or(now.level),
                ..*now
            };
            if lead == 0
                && let Some(x) = self.lateral_mm
            {
                placement.lateral_mm = x;
            }
            // In an exercise the rules refuse any placement, even an unchanged one.
            if placement != *now || s.exercise.is_some() {
                let flag = match (self.lead_level.is_some(), self.lateral_mm.is_some()) {
                    (true, false) => "--lead-level",
                    (false, true) => "--lateral-mm",
                    _ => "--lead-level/--lateral-mm",
                };
                out.push((flag, WorldEvent::PlaceLead { lead, placement }.into()));
            }
        }
        Ok(out)
    }
}
