//! A drug pump's flags applied as the clinician would: a new drug or concentration is
//! filled as at a refill (interrogate, aspirate, fill, update) and programmed; then the
//! rate (as a dose), the reservoir, the bolus.

use super::apply::apply;
use super::given::KindFlags;
use crate::cli::flag;
use anyhow::{Result, anyhow};
use clap::Args;
use scs_sim::implant::SetupPart;
use scs_sim::implant::pump::{
    BolusLimits, Kit, Mode, Port, PumpEdit, PumpEvent, PumpImplant, RefillStep,
};
use scs_sim::patient::pharmacology::Drug;
use scs_sim::session::{ProgrammerEdit, Session, WorldEvent};

/// A drug pump's prescription and reservoir.
#[derive(Args, Debug, Clone, Default)]
pub struct PumpFlags {
    /// Drug pump: the drug in the reservoir (morphine, hydromorphone, fentanyl,
    /// ziconotide, baclofen, bupivacaine, clonidine); filled as at a refill.
    #[arg(long)]
    pub drug: Option<String>,
    /// Drug pump: the concentration in the reservoir, mg/mL (filled as at a refill).
    #[arg(long, allow_negative_numbers = true, value_parser = crate::cli::flag::number)]
    pub concentration_mg_per_ml: Option<f64>,
    /// Drug pump: flow rate, mL/day (the daily dose becomes rate × concentration).
    #[arg(long, allow_negative_numbers = true, value_parser = crate::cli::flag::number)]
    pub rate_ml_per_day: Option<f64>,
    /// Drug pump: volume in the reservoir, mL.
    #[arg(long, allow_negative_numbers = true, value_parser = crate::cli::flag::number)]
    pub reservoir_ml: Option<f64>,
    /// Drug pump: the patient's bolus dose, mg.
    #[arg(long, allow_negative_numbers = true, value_parser = crate::cli::flag::number)]
    pub bolus_mg: Option<f64>,
    /// Drug pump: the bolus lockout, hours.
    #[arg(long, allow_negative_numbers = true, value_parser = crate::cli::flag::number)]
    pub lockout_h: Option<f64>,
    /// Drug pump: the most boluses in 24 h.
    #[arg(long)]
    pub max_boluses_per_day: Option<u32>,
}

/// Why a stimulator's patient refuses a drug pump's flag.
impl KindFlags for PumpFlags {
    const PART: SetupPart = SetupPart::Pump;
}

impl PumpFlags {
    /// Applies the flags to the session's pump (none: nothing to apply).
    pub fn apply(&self, s: &mut Session) -> Result<()> {
        flag::finite("--concentration-mg-per-ml", self.concentration_mg_per_ml)?;
        flag::finite("--rate-ml-per-day", self.rate_ml_per_day)?;
        flag::finite("--reservoir-ml", self.reservoir_ml)?;
        flag::finite("--bolus-mg", self.bolus_mg)?;
        flag::finite("--lockout-h", self.lockout_h)?;
        let Some(p) = s.implant().downcast_ref::<PumpImplant>() else {
            return Ok(());
        };
        let now = p.pump.programmed;
        let record_ml = p.pump.record_ml;
        let drug = match &self.drug {
            Some(d) => {
                Drug::parse(flag::short("--drug", d)?).map_err(|e| anyhow!("--drug: {e}"))?
            }
            None => now.drug,
        };
        if self.drug.is_some() && drug != now.drug && self.concentration_mg_per_ml.is_none() {
            return Err(anyhow!(
                "--drug {drug} needs --concentration-mg-per-ml: concentrations differ from drug to drug"
            ));
        }
        let conc = self
            .concentration_mg_per_ml
            .unwrap_or(now.concentration_mg_per_ml);
        let flag = if self.drug.is_some() {
            "--drug"
        } else {
            "--concentration-mg-per-ml"
        };
        if drug != now.drug || conc != now.concentration_mg_per_ml {
            // A drug, a concentration and a rate given together are one prescription: the
            // pump is stopped while the new fill is programmed, and the rate starts it, so
            // the old daily dose is never asked of the new fill.
            if self.rate_ml_per_day.is_some() {
                apply(
                    s,
                    "--rate-ml-per-day",
                    ProgrammerEdit::Pump(PumpEdit::SetMode(Mode::Stopped)),
                )?;
            }
            let volume = self.reservoir_ml.unwrap_or(record_ml.max(1.0));
            refill(s, flag, drug, conc, volume)?;
        } else if let Some(ml) = self.reservoir_ml {
            apply(
                s,
                "--reservoir-ml",
                WorldEvent::Pump(PumpEvent::Reservoir(ml)),
            )?;
        }
        self.rate(s, conc)?;
        self.bolus(s)
    }

    /// `--rate-ml-per-day`: programmed as the daily dose it makes at `conc`.
    fn rate(&self, s: &mut Session, conc: f64) -> Result<()> {
        let Some(rate) = self.rate_ml_per_day else {
            return Ok(());
        };
        if rate <= 0.0 {
            return Err(anyhow!(
                "--rate-ml-per-day refused: {rate} mL/day is not a rate above 0"
            ));
        }
        let dose = rate * conc;
        apply(
            s,
            "--rate-ml-per-day",
            ProgrammerEdit::Pump(PumpEdit::SetDailyDose(dose)),
        )
    }

    /// The bolus flags: each one not given keeps the pump's present limit.
    fn bolus(&self, s: &mut Session) -> Result<()> {
        if self.bolus_mg.is_none() && self.lockout_h.is_none() && self.max_boluses_per_day.is_none()
        {
            return Ok(());
        }
        let now = s
            .implant()
            .downcast_ref::<PumpImplant>()
            .and_then(|p| p.pump.bolus);
        let Some(dose_mg) = self.bolus_mg.or(now.map(|b| b.dose_mg)) else {
            return Err(anyhow!(
                "--lockout-h and --max-boluses-per-day need --bolus-mg: this pump has no patient bolus yet"
            ));
        };
        let limits = BolusLimits {
            dose_mg,
            lockout_h: self.lockout_h.or(now.map(|b| b.lockout_h)).unwrap_or(4.0),
            max_per_day: self
                .max_boluses_per_day
                .or(now.map(|b| b.max_per_day))
                .unwrap_or(4),
        };
        let flag = if self.bolus_mg.is_some() {
            "--bolus-mg"
        } else if self.lockout_h.is_some() {
            "--lockout-h"
        } else {
            "--max-boluses-per-day"
        };
        apply(
            s,
            flag,
            ProgrammerEdit::Pump(PumpEdit::SetBolus(Some(limits))),
        )
    }
}

/// A refill with `drug` at `conc`, `volume` mL, then the programmer told so.
fn refill(s: &mut Session, flag: &str, drug: Drug, conc: f64, volume: f64) -> Result<()> {
    let steps = [
        PumpEdit::Interrogate,
        PumpEdit::Refill(RefillStep::Begin),
        PumpEdit::Refill(RefillStep::InsertNeedle {
            port: Port::Reservoir,
            kit: Kit::Refill,
        }),
        PumpEdit::Refill(RefillStep::Aspirate),
        PumpEdit::Refill(RefillStep::Fill {
            drug,
            concentration_mg_per_ml: conc,
            volume_ml: volume,
        }),
        PumpEdit::Refill(RefillStep::Finish { volume_ml: volume }),
        PumpEdit::SetDrug {
            drug,
            concentration_mg_per_ml: conc,
        },
    ];
    for step in steps {
        apply(s, flag, ProgrammerEdit::Pump(step))?;
    }
    Ok(())
}
