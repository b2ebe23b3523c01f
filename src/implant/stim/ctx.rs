//! What a stimulator's rules work on: the stimulator and its host (the body, the moment).

use super::stimulator::Stimulator;
use crate::device::Device;
use crate::device::lead::Electrodes;
use crate::device::program::FieldProblem;
use crate::implant::command::Command;
use crate::implant::kind::ImplantKind;
use crate::implant::refusal::{Refusal, WrongKind};
use crate::implant::therapy::{Host, Therapy};
use crate::patient::{Pain, Response};

/// The stimulator a command changes, and what else it reaches.
pub(super) struct Ctx<'a, 'h> {
    /// The stimulator.
    pub stim: &'a mut Stimulator,
    /// The body and the moment.
    pub host: &'a mut Host<'h>,
}

/// What the patient feels and says now (a programmer's saved map and answers use it).
pub(super) struct Felt {
    /// The fast physiology at the current reaching the tissue.
    pub response: Response,
    /// Pain now, with the session's fluctuation.
    pub pain: Pain,
    /// The patient's words.
    pub speech: String,
}

impl Ctx<'_, '_> {
    /// The pulse generator.
    pub fn device(&self) -> &Device {
        self.stim.device()
    }

    /// The pulse generator, to change.
    pub fn device_mut(&mut self) -> &mut Device {
        self.stim.device_mut()
    }

    /// Stimulation (re)starts now: soft start and cycling count from here.
    pub fn restart_stimulation(&mut self) {
        let t = self.host.t_s;
        self.stim.restart(t);
    }

    /// What the patient feels and says now.
    pub fn felt(&self) -> Felt {
        let patient = &*self.host.patient;
        let ma = self.stim.instant_ma(self.host.t_s);
        let response = self.stim.respond(patient, ma);
        let pain = self.stim.pain(patient, self.host.noise);
        let speech = self.stim.speech(patient, &response, &pain, ma);
        Felt {
            response,
            pain,
            speech,
        }
    }

    /// Refuses contacts on more leads than are implanted.
    pub fn check_leads(&self, e: &Electrodes) -> Result<(), Refusal> {
        if e.leads.len() > self.device().lead_count() {
            return Err(Refusal::TooManyLeads {
                named: e.leads.len(),
                implanted: self.device().lead_count(),
            });
        }
        Ok(())
    }

    /// The refusal of a command that this stimulator does not take.
    pub fn not_mine(&self, command: impl Into<Command>) -> Refusal {
        let takes = command.into().takes().unwrap_or_default().to_vec();
        self.wrong_kind(takes)
    }

    /// The refusal of a command that only `kind` takes.
    pub fn only_for(&self, kind: ImplantKind) -> Refusal {
        self.wrong_kind(vec![kind])
    }

    fn wrong_kind(&self, takes: Vec<ImplantKind>) -> Refusal {
        Refusal::WrongImplant(WrongKind {
            implant: self.stim.kind(),
            takes,
        })
    }
}

/// A refusal naming the setting the device objects to.
pub(super) fn setting(p: FieldProblem) -> Refusal {
    Refusal::Setting {
        field: p.field.to_string(),
        message: p.message,
    }
}
