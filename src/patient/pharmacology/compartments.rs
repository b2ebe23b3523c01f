//! The drugs' compartments: one CSF compartment per drug with a steep spread from the
//! catheter tip by cord segment (boluses spread further), an effect site that follows the
//! CSF with each drug's onset, a brainstem compartment fed by rostral spread, plasma, a
//! pocket depot, and tolerance with withdrawal when delivery stops.

use super::drug::{Drug, Family};
use super::state::DrugState;
use super::tolerance;
use crate::patient::anatomy::{DERMATOMES, REGIONS, segment_at};
use crate::patient::spine::Vertebra;

/// What reached the body in one step, mg per drug (in [`Drug::ALL`] order).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Delivery {
    /// Drug leaving the catheter tip slowly (continuous infusion), mg.
    pub infused_mg: [f64; Drug::ALL.len()],
    /// Drug leaving the tip as a bolus, mg.
    pub bolus_mg: [f64; Drug::ALL.len()],
    /// Drug put into the tissue pocket around the pump (a pocket fill), mg.
    pub pocket_mg: [f64; Drug::ALL.len()],
}

impl Delivery {
    /// Whether nothing at all was delivered.
    pub fn is_empty(&self) -> bool {
        self.infused_mg
            .iter()
            .chain(&self.bolus_mg)
            .chain(&self.pocket_mg)
            .all(|m| *m == 0.0)
    }
}

/// Rate at which a subcutaneous pocket depot is absorbed into the blood, per hour (not
/// confirmed: chosen so that a pocket fill peaks in the blood within a few hours).
pub const POCKET_ABSORPTION_PER_H: f64 = 0.5;

/// Dependence below which stopping a drug gives no withdrawal.
const DEPENDENCE_FLOOR: f64 = 0.2;

/// The body's side of intrathecal therapy: every drug's state and where the tip lies.
#[derive(Clone, Debug, PartialEq)]
pub struct Pharmacology {
    /// Body weight, kg (morphine's volume and clearance scale with it).
    pub weight_kg: f64,
    /// Cord segment at the catheter tip (dermatome index units).
    pub tip_segment: f64,
    /// The person has never taken opioids (boluses are contraindicated, doses start low).
    pub opioid_naive: bool,
    /// Per drug, in [`Drug::ALL`] order.
    pub drugs: [DrugState; Drug::ALL.len()],
    /// The worst withdrawal of any drug so far (0..1).
    pub peak_withdrawal: f64,
    /// Opioid withdrawal, 0..1: one for the family, since dependence carries over.
    pub opioid_withdrawal: f64,
    /// How fast this person's opioid tolerance grows, 1 the typical (creep is the rule,
    /// its speed varies widely: Yaksh & Onofrio 1987).
    pub tolerance_pace: f64,
    /// How strongly this person's pain answers the drugs, 1 the typical: every
    /// half-effect concentration for relief is divided by it (an exercise may vary it: the
    /// dose that relieves differs between patients).
    pub relief_sensitivity: f64,
    /// How strongly this person's brain answers the drugs' central effects (sedation,
    /// ziconotide's dizziness and confusion), 1 the typical: the central occupancy is
    /// multiplied by it.
    pub central_sensitivity: f64,
}

/// The cord segment (dermatome index units) at a catheter tip lying at the top of `tip`.
pub fn tip_segment(tip: Vertebra) -> f64 {
    segment_at(tip.index() as f64 + 0.5)
}

impl Pharmacology {
    /// A body with no drug on board, the catheter tip at `tip`.
    pub fn new(tip: Vertebra, weight_kg: f64, opioid_naive: bool) -> Pharmacology {
        Pharmacology {
            weight_kg,
            tip_segment: tip_segment(tip),
            opioid_naive,
            drugs: [DrugState::default(); Drug::ALL.len()],
            peak_withdrawal: 0.0,
            opioid_withdrawal: 0.0,
            tolerance_pace: 1.0,
            relief_sensitivity: 1.0,
            central_sensitivity: 1.0,
        }
    }

    /// The state one drug is in.
    pub fn drug(&self, d: Drug) -> &DrugState {
        &self.drugs[d.index()]
    }

    /// Puts the body at the steady state of a continuous infusion of `mg_per_day` of `d`
    /// (a patient who has been on this dose for weeks: tolerance included).
    pub fn settle(&mut self, d: Drug, mg_per_day: f64) {
        let k = d.kinetics();
        let cl = d.csf_clearance_ml_per_min(self.weight_kg);
        let per_min = mg_per_day / 1440.0;
        let c = d.steady_csf_ng_per_ml(mg_per_day, self.weight_kg);
        let state = &mut self.drugs[d.index()];
        state.infused_mg = per_min * d.csf_volume_ml(self.weight_kg) / cl;
        state.bolus_mg = 0.0;
        state.effect_infused = c;
        state.effect_bolus = 0.0;
        state.brainstem = if k.rostral_per_h > 0.0 { c } else { 0.0 };
        state.adverse = state.brainstem;
        // Everything leaving the CSF reaches the blood: plasma steady state = rate ÷ CL.
        state.plasma_mg = per_min * k.plasma_volume_l / k.plasma_clearance_l_per_min;
        state.pocket_mg = 0.0;
        state.dependence = if k.dependence_days > 0.0 {
            dependence_drive(d, state)
        } else {
            0.0
        };
        state.tolerance = if d.family() == Family::Opioid {
            tolerance::settled_tolerance(d, state)
        } else {
            0.0
        };
        state.withdrawal = 0.0;
    }

    /// CSF concentration of `d` now (whole CSF, infusion and boluses), ng/mL.
    pub fn csf_ng_per_ml(&self, d: Drug) -> f64 {
        let s = self.drug(d);
        (s.infused_mg + s.bolus_mg) * 1e6 / d.csf_volume_ml(self.weight_kg)
    }

    /// Plasma concentration of `d` now, ng/mL.
    pub fn plasma_ng_per_ml(&self, d: Drug) -> f64 {
        self.drug(d).plasma_mg * 1e6 / (d.kinetics().plasma_volume_l * 1000.0)
    }

    /// Concentration acting at cord segment `segment`, ng/mL: the infusion falls steeply
    /// with distance from the tip, boluses less so.
    pub fn at_segment(&self, d: Drug, segment: f64) -> f64 {
        let k = d.kinetics();
        let s = self.drug(d);
        let dist = (segment - self.tip_segment).abs();
        s.effect_infused * (-dist / k.infusion_spread_segments).exp()
            + s.effect_bolus * (-dist / k.bolus_spread_segments).exp()
    }

    /// The segment of a body region nearest the catheter tip.
    pub fn region_segment(&self, region: usize) -> f64 {
        let (a, b) = REGIONS[region].dermatomes;
        self.tip_segment
            .clamp(a as f64, b as f64)
            .min((DERMATOMES.len() - 1) as f64)
    }

    /// Advances every drug by `h_s` seconds after `delivery` reached the body.
    pub fn step(&mut self, delivery: &Delivery, h_s: f64) {
        let h_min = h_s / 60.0;
        let h_h = h_s / 3600.0;
        for d in Drug::ALL {
            let i = d.index();
            let active = delivery.infused_mg[i] > 0.0
                || delivery.bolus_mg[i] > 0.0
                || delivery.pocket_mg[i] > 0.0
                || self.drugs[i] != DrugState::default();
            if !active {
                continue;
            }
            let v = d.csf_volume_ml(self.weight_kg);
            let kel = d.csf_clearance_ml_per_min(self.weight_kg) / v;
            let k = d.kinetics();
            let s = &mut self.drugs[i];
            let decay = (-kel * h_min).exp();
            // Exact one-compartment solution with a constant infusion over the step, so a
            // steady infusion settles exactly at rate ÷ clearance.
            let rate = delivery.infused_mg[i] / h_min;
            let before = s.infused_mg + s.bolus_mg + delivery.bolus_mg[i];
            s.infused_mg = s.infused_mg * decay + rate / kel * (1.0 - decay);
            s.bolus_mg = (s.bolus_mg + delivery.bolus_mg[i]) * decay;
            let left_csf = (before + delivery.infused_mg[i] - s.infused_mg - s.bolus_mg).max(0.0);
            let to_ng = 1e6 / v;
            follow(
                &mut s.effect_infused,
                s.infused_mg * to_ng,
                k.onset_per_h,
                h_h,
            );
            follow(&mut s.effect_bolus, s.bolus_mg * to_ng, k.onset_per_h, h_h);
            if k.rostral_per_h > 0.0 {
                let csf = (s.infused_mg + s.bolus_mg) * to_ng;
                follow(&mut s.brainstem, csf, k.rostral_per_h, h_h);
            }
            // Pocket depot into the blood; the CSF's outflow into the blood.
            s.pocket_mg += delivery.pocket_mg[i];
            let absorbed = s.pocket_mg * (1.0 - (-POCKET_ABSORPTION_PER_H * h_h).exp());
            s.pocket_mg -= absorbed;
            let kp = k.plasma_clearance_l_per_min / k.plasma_volume_l;
            s.plasma_mg = (s.plasma_mg + left_csf + absorbed) * (-kp * h_min).exp();
            if k.adverse_lag_h > 0.0 {
                follow(&mut s.adverse, s.brainstem, 1.0 / k.adverse_lag_h, h_h);
            } else {
                s.adverse = s.brainstem;
            }
            if k.dependence_days > 0.0 {
                let drive = dependence_drive(d, s);
                // Dependence builds and fades over days.
                follow(
                    &mut s.dependence,
                    drive,
                    1.0 / (24.0 * k.dependence_days),
                    h_h,
                );
                if d.family() == Family::Opioid {
                    tolerance::step_tolerance(d, s, drive, h_h, self.tolerance_pace);
                    continue;
                }
                let deficit = if s.dependence > DEPENDENCE_FLOOR {
                    ((s.dependence - drive) / s.dependence).clamp(0.0, 1.0)
                } else {
                    0.0
                };
                follow(&mut s.withdrawal, deficit, 1.0 / k.withdrawal_h, h_h);
                self.peak_withdrawal = self.peak_withdrawal.max(s.withdrawal);
            }
        }
        self.step_opioid_withdrawal(h_h);
    }

    /// The opioid family's withdrawal over `h_h` hours: what the family delivers against
    /// the dependence all its drugs built (a switch at a reduced equivalent dose gives
    /// none).
    fn step_opioid_withdrawal(&mut self, h_h: f64) {
        let target = tolerance::opioid_deficit(&self.drugs, dependence_drive, DEPENDENCE_FLOOR);
        if target == 0.0 && self.opioid_withdrawal == 0.0 {
            return;
        }
        let rate = 1.0 / Drug::Morphine.kinetics().withdrawal_h;
        follow(&mut self.opioid_withdrawal, target, rate, h_h);
        self.peak_withdrawal = self.peak_withdrawal.max(self.opioid_withdrawal);
    }

    /// Plasma-driven central effect of a drug, in brainstem-equivalent ng/mL (a pocket
    /// fill of an opioid acts through the blood).
    pub(crate) fn systemic_equivalent(&self, d: Drug) -> f64 {
        // Not confirmed: 1 ng/mL in plasma acts like 300 ng/mL at the brainstem for
        // morphine (the oral : intrathecal ladder of REFERENCES-IDDS §4, 300 : 1).
        self.plasma_ng_per_ml(d) * 300.0
    }
}

/// Moves `x` toward `target` at `rate_per_h` over `h_h` hours (first order, exact for a
/// constant target).
fn follow(x: &mut f64, target: f64, rate_per_h: f64, h_h: f64) {
    *x = target + (*x - target) * (-rate_per_h * h_h).exp();
}

/// What tolerance and dependence follow: the continuous infusion at its effect site (an
/// occasional bolus builds none), in multiples of the drug's half-effect concentration
/// (central for opioids and clonidine, at the cord for baclofen).
fn dependence_drive(d: Drug, s: &DrugState) -> f64 {
    let k = d.kinetics();
    match d.family() {
        Family::Baclofen => s.effect_infused / k.ec50_ng_per_ml,
        _ => s.effect_infused / k.central_ec50_ng_per_ml,
    }
}
