//! The implanted pulse generator (IPG): leads, programs, waveforms, safety, battery and
//! impedance. Everything here follows the rules real clinician programmers enforce.

pub mod battery;
pub mod body;
pub mod closed_loop;
pub mod impedance;
pub mod lead;
pub mod program;
pub mod programs;
pub mod safety;
pub mod spec;
pub mod waveform;

use battery::Battery;
use impedance::Impedances;
use lead::{Electrodes, LeadModel, NerveLead, Placement, Polarity};
use program::Program;
use programs::Programs;
use safety::SafetyReport;

/// The implant: leads where the surgeon left them, their impedances, the stored programs,
/// and the battery.
#[derive(Clone, Debug, PartialEq)]
pub struct Device {
    /// Where each lead lies (one or two).
    pub placements: Vec<Placement>,
    /// Measured impedance of every contact.
    pub impedances: Impedances,
    /// Stored programs (1–4).
    pub programs: Programs,
    /// Index of the running program (past the end means the last one).
    pub active: usize,
    /// Whether therapy is switched on.
    pub therapy_on: bool,
    /// The rechargeable battery.
    pub battery: Battery,
    /// MRI mode: stimulation is held off.
    pub mri_mode: bool,
    /// Leads at peripheral nerves (peripheral nerve stimulation); empty for a spinal cord
    /// stimulator, whose leads are in `placements`.
    pub nerve_leads: Vec<NerveLead>,
}

/// Where the pulse generator is worn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Generator {
    /// Implanted (IPG), rechargeable through the skin.
    Implanted,
    /// Worn on the skin (a percutaneous lead's external pulse generator).
    External,
}

impl Device {
    /// The running program.
    pub fn program(&self) -> &Program {
        self.programs.active(self.active)
    }

    /// The running program, to change it.
    pub fn program_mut(&mut self) -> &mut Program {
        self.programs.active_mut(self.active)
    }

    /// Safety figures and warnings of the running program, as every generator reads them
    /// (the advice that depends on where the leads lie is the implant's: `implant::stim`).
    pub fn safety(&self) -> SafetyReport {
        let areas: Vec<f64> = (0..self.lead_count().max(1))
            .map(|i| self.lead_model(i).contact_area_mm2())
            .collect();
        safety::assess_on(self.program(), &self.impedances, &areas)
    }

    /// Leads implanted (at the spine or at nerves).
    pub fn lead_count(&self) -> usize {
        self.placements.len() + self.nerve_leads.len()
    }

    /// The model of lead `i` (the cylindrical lead at the spine).
    pub fn lead_model(&self, i: usize) -> LeadModel {
        self.nerve_leads
            .get(i)
            .map_or(LeadModel::Cylindrical, |l| l.model)
    }

    /// Where the generator is: external when a percutaneous (coiled) lead is in.
    pub fn generator(&self) -> Generator {
        if self
            .nerve_leads
            .iter()
            .any(|l| l.model == LeadModel::Coiled)
        {
            Generator::External
        } else {
            Generator::Implanted
        }
    }

    /// The running program's contacts as a programmer shows them: a single-contact lead
    /// with its one contact (`-/-`), a lead of 8 contacts in full (`0+-+0000`).
    pub fn contacts_code(&self) -> String {
        let e = &self.program().electrodes;
        e.leads
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let n = self.lead_model(i).contacts();
                l.iter().take(n).map(|p| p.symbol()).collect::<String>()
            })
            .collect::<Vec<_>>()
            .join("/")
    }

    /// The first contact `electrodes` use that lead `i`'s model does not have.
    pub fn missing_contact(&self, electrodes: &Electrodes) -> Option<(usize, usize)> {
        electrodes.leads.iter().enumerate().find_map(|(i, l)| {
            let n = self.lead_model(i).contacts();
            l.iter()
                .enumerate()
                .skip(n)
                .find(|(_, p)| **p != Polarity::Off)
                .map(|(k, _)| (i, k))
        })
    }

    /// The contacts the device actually drives (faulty ones disabled), or `None` when no
    /// complete circuit remains.
    pub fn usable_electrodes(&self) -> Option<Electrodes> {
        self.impedances.usable(&self.program().electrodes)
    }

    /// Effective load of the contacts the device drives, Ω (0 without a complete circuit).
    pub fn load_ohm(&self) -> f64 {
        self.usable_electrodes()
            .map_or(0.0, |e| self.impedances.load_ohm(&e))
    }

    /// Whether current flows now: therapy on, not in MRI mode, battery not empty, and a
    /// complete circuit.
    pub fn delivering(&self) -> bool {
        self.therapy_on
            && !self.mri_mode
            && self.battery.state() != battery::BatteryState::Depleted
            && self.usable_electrodes().is_some()
    }

    /// The current the tissue actually receives, mA: the programmed amplitude, cut to what
    /// the compliance voltage allows, or 0 when nothing is delivered.
    pub fn delivered_ma(&self) -> f64 {
        if !self.delivering() {
            return 0.0;
        }
        self.program()
            .settings
            .amplitude_ma
            .min(safety::compliance_limit_ma(self.load_ohm()))
    }

    /// Battery power drawn at the present settings, W.
    pub fn power_w(&self) -> f64 {
        battery::power_w(
            self.delivered_ma(),
            self.load_ohm(),
            self.program().settings.duty(),
        )
    }

    /// Checks every lead's placement and every program against the device's hard limits;
    /// each problem names the program and field.
    pub fn problems(&self) -> Vec<DeviceProblem> {
        let mut out = Vec::new();
        if self.lead_count() == 0 || self.lead_count() > lead::MAX_LEADS {
            out.push(DeviceProblem::LeadCount(self.lead_count()));
        }
        if !self.placements.is_empty() && !self.nerve_leads.is_empty() {
            out.push(DeviceProblem::SpineAndNerves);
        }
        for (lead, p) in self.placements.iter().enumerate() {
            if let Err(error) = p.validate() {
                out.push(DeviceProblem::Placement { lead, error });
            }
        }
        for (lead, l) in self.nerve_leads.iter().enumerate() {
            if let Err(error) = l.site.validate() {
                out.push(DeviceProblem::NerveSite { lead, error });
            }
        }
        for (index, prog) in self.programs.iter().enumerate() {
            let program = || ProgramName {
                index,
                name: prog.name.clone(),
            };
            for problem in prog.problems() {
                out.push(DeviceProblem::Setting {
                    program: program(),
                    problem,
                });
            }
            if prog.electrodes.leads.len() > self.lead_count() {
                out.push(DeviceProblem::TooManyLeads {
                    program: program(),
                    uses: prog.electrodes.leads.len(),
                    implanted: self.lead_count(),
                });
            } else if let Some((lead, contact)) = self.missing_contact(&prog.electrodes) {
                out.push(DeviceProblem::SingleContact {
                    program: program(),
                    lead,
                    contact,
                });
            }
        }
        out
    }
}

/// A stored program as a problem names it: `program 2 'Back & legs'`.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgramName {
    /// Position among the stored programs (0-based).
    pub index: usize,
    /// The program's name.
    pub name: String,
}

impl std::fmt::Display for ProgramName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "program {} '{}'", self.index + 1, self.name)
    }
}

/// One way a whole implant breaks the device's hard limits (see [`Device::problems`]).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum DeviceProblem {
    /// No lead, or more than one generator drives.
    #[error("the implant has {0} leads, it takes 1 or 2")]
    LeadCount(usize),
    /// Leads both at the spine and at nerves.
    #[error("leads lie either at the spine or at nerves, not both")]
    SpineAndNerves,
    /// A spinal lead outside the epidural space.
    #[error("lead {}: {error}", lead + 1)]
    Placement {
        /// Lead index (0-based).
        lead: usize,
        /// What is wrong.
        error: lead::LateralOutOfRange,
    },
    /// A lead at a nerve in an impossible place.
    #[error("lead {}: {error}", lead + 1)]
    NerveSite {
        /// Lead index (0-based).
        lead: usize,
        /// What is wrong.
        error: crate::patient::nerve::SiteError,
    },
    /// A program's setting outside the device's range or rules.
    #[error("{program}, {}: {}", problem.field, problem.message)]
    Setting {
        /// The program.
        program: ProgramName,
        /// The setting and what is wrong with it.
        problem: program::FieldProblem,
    },
    /// A program naming more leads than are implanted.
    #[error("{program} uses {uses} leads but the implant has {implanted}")]
    TooManyLeads {
        /// The program.
        program: ProgramName,
        /// Leads it names.
        uses: usize,
        /// Leads implanted.
        implanted: usize,
    },
    /// A program using a contact past the one of a single-contact lead.
    #[error(
        "{program} uses contact {contact} of lead {}, a single-contact lead (write it as one character, e.g. \"-\" with the case as anode)",
        lead + 1
    )]
    SingleContact {
        /// The program.
        program: ProgramName,
        /// Lead index (0-based).
        lead: usize,
        /// Contact index.
        contact: usize,
    },
}

impl DeviceProblem {
    /// The patient-file field the problem is placed at: the leads for where they lie and
    /// how many a program names, the programs for everything else.
    pub fn field(&self) -> &'static str {
        match self {
            DeviceProblem::LeadCount(_)
            | DeviceProblem::SpineAndNerves
            | DeviceProblem::Placement { .. }
            | DeviceProblem::NerveSite { .. }
            | DeviceProblem::TooManyLeads { .. } => "leads",
            DeviceProblem::Setting { .. } | DeviceProblem::SingleContact { .. } => "programs",
        }
    }
}
