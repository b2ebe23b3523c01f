//! One drug's state in the body: what the compartments advance and the tolerance reads.

/// One drug's state in the body.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct DrugState {
    /// Drug in the CSF from the continuous infusion, mg.
    pub infused_mg: f64,
    /// Drug in the CSF from boluses, mg (spreads further than the infusion).
    pub bolus_mg: f64,
    /// Effect-site concentration from the infusion, ng/mL (follows the CSF with onset).
    pub effect_infused: f64,
    /// Effect-site concentration from boluses, ng/mL.
    pub effect_bolus: f64,
    /// Brainstem concentration (rostral spread), ng/mL.
    pub brainstem: f64,
    /// Drug in the blood, mg.
    pub plasma_mg: f64,
    /// Drug in the tissue pocket around the pump, mg, absorbed into the blood.
    pub pocket_mg: f64,
    /// Physical dependence (and central tolerance), in multiples of the central
    /// half-effect concentration; builds and fades over days.
    pub dependence: f64,
    /// Analgesic tolerance of an opioid, in multiples of its spinal half-effect
    /// concentration; grows over months (see [`super::tolerance`]).
    pub tolerance: f64,
    /// Concentration the drug's central side effects answer to, ng/mL: the brainstem's,
    /// followed with the drug's lag (ziconotide's effects come days after its level).
    pub adverse: f64,
    /// Withdrawal, 0 (none) to 1 (the most severe).
    pub withdrawal: f64,
}
