//! Events of the scene on the pump: occlusion, stall, MRI, flow error, the battery's end
//! of service, the reservoir as a teacher sets it, a new order from the prescriber.

use super::command::PumpEvent;
use super::device::{DAY_S, Pump};
use super::refusal::PumpRefusal;

impl Pump {
    /// Applies an event of the scene at `t_s`.
    pub fn world(&mut self, event: &PumpEvent, t_s: f64) -> Result<String, PumpRefusal> {
        let words = match event {
            PumpEvent::Occlusion(on) => {
                self.occluded = *on;
                format!("catheter {}", if *on { "occluded" } else { "clear" })
            }
            PumpEvent::MotorStall(on) => {
                self.stalled = *on;
                format!("motor {}", if *on { "stalled" } else { "turning" })
            }
            PumpEvent::Mri(true) => {
                self.mri_was_alarming = self.alarming();
                self.in_mri = true;
                "in the MRI magnet: rotor stopped".into()
            }
            PumpEvent::Mri(false) => {
                self.in_mri = false;
                self.held = std::mem::take(&mut self.mri_was_alarming);
                if self.held {
                    "out of the magnet: held until interrogated (it was alarming)".into()
                } else {
                    "out of the magnet: delivery resumes".into()
                }
            }
            PumpEvent::FlowFactor(f) => {
                if !f.is_finite() || !(0.5..=2.0).contains(f) {
                    return Err(PumpRefusal::value(
                        "flow_factor",
                        format!("flow factor {f} is outside 0.5–2"),
                    ));
                }
                self.flow_factor = *f;
                format!("flow {:+.1} % of programmed", (f - 1.0) * 100.0)
            }
            PumpEvent::NeedleMisses(n) => {
                self.needle_misses = (*n).min(10);
                format!("the next {} needle(s) miss the septum", self.needle_misses)
            }
            PumpEvent::Reservoir(ml) => {
                if !ml.is_finite() || *ml < 0.0 || *ml > self.capacity_ml {
                    return Err(PumpRefusal::value(
                        "reservoir_ml",
                        format!("reservoir {ml} mL is outside 0–{:.0} mL", self.capacity_ml),
                    ));
                }
                self.reservoir_ml = *ml;
                self.record_ml = *ml;
                format!("reservoir {ml} mL")
            }
            PumpEvent::TrueReservoir(ml) => {
                if !ml.is_finite() || *ml < 0.0 || *ml > self.capacity_ml {
                    return Err(PumpRefusal::value(
                        "reservoir_ml",
                        format!("reservoir {ml} mL is outside 0–{:.0} mL", self.capacity_ml),
                    ));
                }
                self.reservoir_ml = *ml;
                format!(
                    "reservoir truly {ml} mL (the record says {:.1} mL)",
                    self.record_ml
                )
            }
            PumpEvent::RestartLate(hours) => self.restart_late(*hours)?,
            PumpEvent::NewOrder(c) => self.new_order(*c)?,
            PumpEvent::EriInDays(days) => {
                if !days.is_finite() || *days < 0.0 || *days > 7.0 * 365.0 {
                    return Err(PumpRefusal::value(
                        "eri_days",
                        format!("{days} days is outside 0–7 years"),
                    ));
                }
                self.eri_at_s = t_s + days * DAY_S;
                format!("elective replacement in {days} days")
            }
        };
        self.update_alarms(t_s);
        Ok(words)
    }

    /// A new order at concentration `c` of the prescribed drug, mg/mL.
    fn new_order(&mut self, c: f64) -> Result<String, PumpRefusal> {
        super::fill::check_concentration(c)?;
        self.prescribed.concentration_mg_per_ml = c;
        Ok(format!("new order on file: {}", self.order_words()))
    }
}
