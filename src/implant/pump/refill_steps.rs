//! A refill step by step, as a nurse does it: begin (with a fresh interrogation), insert
//! the needle (which may miss the septum), aspirate, fill, finish.

use super::command::{Kit, Port, RefillStep};
use super::device::Pump;
use super::fill::Fill;
use super::refill::{Needle, Place, Refill};
use super::refusal::PumpRefusal;
use crate::patient::pharmacology::Drug;

/// The refill needs an interrogation no older than this, s.
const INTERROGATION_FRESH_S: f64 = 2.0 * 3600.0;
/// CSF drawn behind the catheter's contents when aspirating the access port, mL.
const CAP_CSF_ML: f64 = 2.0;

fn step_refused(message: &str) -> PumpRefusal {
    PumpRefusal::RefillStep(message.into())
}

impl Pump {
    pub(super) fn refill_step(
        &mut self,
        step: &RefillStep,
        t_s: f64,
    ) -> Result<String, PumpRefusal> {
        if *step == RefillStep::Begin {
            if self.refill.is_some() {
                return Err(step_refused(
                    "A refill is already under way: finish it first",
                ));
            }
            if !self
                .interrogated_at_s
                .is_some_and(|t| t_s - t <= INTERROGATION_FRESH_S)
            {
                return Err(PumpRefusal::InterrogateFirst);
            }
            self.refill = Some(Refill::begin(t_s, self.record_ml));
            return Ok(format!(
                "refill begun: expected residual {:.1} mL",
                self.record_ml
            ));
        }
        let Some(mut refill) = self.refill.take() else {
            return Err(step_refused(
                "Begin the refill first (after interrogating the pump)",
            ));
        };
        let result = self.refill_on(&mut refill, step, t_s);
        if matches!(step, RefillStep::Finish { .. }) && result.is_ok() {
            self.last_refill = Some(refill);
        } else {
            self.refill = Some(refill);
        }
        result
    }

    pub(super) fn refill_on(
        &mut self,
        r: &mut Refill,
        step: &RefillStep,
        t_s: f64,
    ) -> Result<String, PumpRefusal> {
        match step {
            RefillStep::Begin => Err(step_refused("A refill is already under way")),
            RefillStep::InsertNeedle { port, kit } => self.insert(r, *port, *kit),
            RefillStep::Aspirate => self.aspirate(r),
            RefillStep::FlagDiscrepancy => {
                r.flagged = true;
                Ok(match r.discrepancy_ml {
                    Some(d) => format!("discrepancy of {d:+.1} mL flagged"),
                    None => "discrepancy flagged (within the limit)".into(),
                })
            }
            RefillStep::Fill {
                drug,
                concentration_mg_per_ml: c,
                volume_ml: v,
            } => self.fill(r, *drug, *c, *v),
            RefillStep::RemoveNeedle => {
                if r.needle.take().is_none() {
                    return Err(step_refused("No needle is in"));
                }
                Ok("needle out".into())
            }
            RefillStep::Finish { volume_ml } => {
                if !volume_ml.is_finite() || *volume_ml < 0.0 || *volume_ml > self.capacity_ml {
                    return Err(PumpRefusal::value(
                        "volume_ml",
                        format!("{volume_ml} mL is outside 0–{:.0} mL", self.capacity_ml),
                    ));
                }
                r.needle = None;
                r.recorded_ml = Some(*volume_ml);
                self.record_ml = *volume_ml;
                self.update_alarms(t_s);
                Ok(format!("pump updated: reservoir {volume_ml:.1} mL"))
            }
        }
    }

    pub(super) fn insert(
        &mut self,
        r: &mut Refill,
        port: Port,
        kit: Kit,
    ) -> Result<String, PumpRefusal> {
        if r.needle.is_some() {
            return Err(step_refused("A needle is already in: take it out first"));
        }
        let place = match (port, kit) {
            (Port::CatheterAccess, Kit::Refill) => return Err(PumpRefusal::CapScreen),
            (Port::CatheterAccess, Kit::CatheterAccess) => Place::CatheterAccess,
            (Port::Reservoir, _) if self.needle_misses > 0 => {
                self.needle_misses -= 1;
                Place::Pocket
            }
            (Port::Reservoir, _) => Place::Reservoir,
        };
        r.needle = Some(Needle {
            port,
            kit,
            place,
            aspirated: false,
        });
        Ok(match port {
            Port::Reservoir => {
                "needle into the reservoir septum (as far as the template tells)".into()
            }
            Port::CatheterAccess => "needle into the catheter access port".into(),
        })
    }

    pub(super) fn aspirate(&mut self, r: &mut Refill) -> Result<String, PumpRefusal> {
        let Some(needle) = &mut r.needle else {
            return Err(step_refused("Insert a needle first"));
        };
        needle.aspirated = true;
        let place = needle.place;
        let returned = match place {
            Place::Reservoir => {
                let v = self.reservoir_ml;
                self.reservoir_ml = 0.0;
                self.contents = None;
                v
            }
            Place::Pocket => 0.0,
            Place::CatheterAccess => {
                let line: f64 = self.catheter.aspirate().iter().map(|p| p.ml).sum();
                return Ok(format!(
                    "aspirated {:.1} mL through the access port: the catheter's drug, then CSF",
                    line + CAP_CSF_ML
                ));
            }
        };
        let read = (returned * 10.0).round() / 10.0;
        r.returned_ml = Some(read);
        let diff = read - r.expected_ml;
        r.discrepancy_ml = (diff.abs() > self.discrepancy_limit_ml()).then_some(diff);
        let mut words = format!("aspirated {read:.1} mL (expected {:.1} mL)", r.expected_ml);
        if let Some(d) = r.discrepancy_ml {
            words.push_str(&format!(
                "; discrepancy {d:+.1} mL is over the {:.0} mL limit: {}",
                self.discrepancy_limit_ml(),
                if d < 0.0 {
                    "over-infusion, a leak or diversion?"
                } else {
                    "under-delivery: stall, occlusion or a catheter problem?"
                }
            ));
        }
        if read == 0.0 && r.expected_ml > 0.5 {
            words.push_str("; nothing came back: is the needle in the reservoir?");
        }
        Ok(words)
    }

    pub(super) fn fill(
        &mut self,
        r: &mut Refill,
        drug: Drug,
        c: f64,
        v: f64,
    ) -> Result<String, PumpRefusal> {
        super::fill::check_concentration(c)?;
        if !v.is_finite() || v <= 0.0 {
            return Err(PumpRefusal::value(
                "volume_ml",
                format!("volume {v} mL is not above 0"),
            ));
        }
        let Some(needle) = r.needle else {
            return Err(step_refused("Insert a needle first"));
        };
        let fill = Fill {
            drug,
            concentration_mg_per_ml: c,
        };
        let mg = c * v;
        match needle.place {
            Place::Reservoir => {
                if self.reservoir_ml + v > self.capacity_ml + 1e-9 {
                    return Err(PumpRefusal::Overfill {
                        capacity_ml: self.capacity_ml,
                        asked_ml: self.reservoir_ml + v,
                    });
                }
                // What was left mixes in (the same drug dilutes or concentrates; a
                // different drug is not tracked: the new one counts, diluted).
                let conc = match self.contents {
                    Some(old) if old.drug == drug => {
                        (old.concentration_mg_per_ml * self.reservoir_ml + mg)
                            / (self.reservoir_ml + v)
                    }
                    _ => mg / (self.reservoir_ml + v),
                };
                self.reservoir_ml += v;
                self.contents = Some(Fill {
                    drug,
                    concentration_mg_per_ml: conc,
                });
                r.filled = Some((fill, v));
            }
            Place::Pocket => {
                self.pocket_mg[drug.index()] += mg;
                r.pocket_fill_mg += mg;
            }
            Place::CatheterAccess => {
                for plug in self.catheter.push(Some(fill), v) {
                    if let Some(f) = plug.fill {
                        self.direct_mg[f.drug.index()] += f.concentration_mg_per_ml * plug.ml;
                    }
                }
                r.cap_injection_mg += mg;
            }
        }
        Ok(format!("injected {v:.1} mL of {drug} {c} mg/mL"))
    }
}
