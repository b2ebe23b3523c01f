//! What is implanted: one place per kind of implant. The session hosts an [`Implant`] and
//! knows nothing of spinal cords, nerves or drugs; each kind brings its device, what it
//! reaches in the body and how the body answers over time.
//!
//! Spinal cord stimulation and peripheral nerve stimulation share the pulse generator
//! ([`crate::device`]), the dorsal-horn gate and its time course ([`Stimulator`], whose
//! [`stim::Target`] is the spinal cord or a nerve); the drug pump brings its own
//! device and body model ([`pump`]).

pub mod command;
pub mod goal;
pub mod kind;
pub mod least;
pub mod pump;
pub mod refusal;
pub mod report;
pub mod rounding;
pub mod setup;
pub mod stim;
pub mod therapy;
pub mod view;

pub use kind::{ImplantKind, SetupPart};
pub use stim::Stimulator;
pub use therapy::{Host, Therapy, Tick};

use crate::device::safety::{Warning, WarningCode};
use crate::patient::{Pain, Patient, Response};
use crate::remote::Link;
use view::{Scene, View};

/// An implant in a patient, with the body's state that only this kind of therapy moves.
// One per session, moved only with it: the pump's larger state is boxed, the stimulator's
// is read on every step.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq)]
pub enum Implant {
    /// A stimulator: spinal cord or peripheral nerve stimulation, by what its leads reach
    /// (its [`stim::Target`]).
    Stim(Stimulator),
    /// An intrathecal drug pump.
    Pump(Box<pump::PumpImplant>),
}

impl Implant {
    /// The stimulator a pulse generator makes in `patient`: its leads' target says which
    /// kind (leads at nerves: peripheral nerve stimulation; at the spine: spinal cord).
    pub fn of(device: crate::device::Device, patient: &Patient) -> Implant {
        Implant::Stim(Stimulator::new(device, patient))
    }

    /// Which kind this is.
    pub fn kind(&self) -> ImplantKind {
        self.therapy().kind()
    }

    /// What every implant does, whatever its kind (the one dispatch on the kind).
    pub fn therapy(&self) -> &dyn Therapy {
        match self {
            Implant::Stim(s) => s,
            Implant::Pump(p) => p.as_ref(),
        }
    }

    /// [`Implant::therapy`], to move time or refresh.
    pub(crate) fn therapy_mut(&mut self) -> &mut dyn Therapy {
        match self {
            Implant::Stim(s) => s,
            Implant::Pump(p) => p.as_mut(),
        }
    }

    /// A patient at home between visits charges a rechargeable stimulator when its remote
    /// says to (at [`crate::device::battery::BatteryState::RechargeSoon`] or below), as
    /// patients are taught to: a 10 kHz program at a few mA empties it in days. A pump
    /// has nothing to charge.
    pub(crate) fn charge_at_home(&mut self) {
        if let Implant::Stim(s) = self {
            s.charge_at_home();
        }
    }

    /// The stimulator (spinal or peripheral); `None` for a drug pump.
    pub fn stimulator(&self) -> Option<&Stimulator> {
        match self {
            Implant::Stim(s) => Some(s),
            Implant::Pump(_) => None,
        }
    }

    /// The drug pump, if this is one.
    pub fn pump(&self) -> Option<&pump::PumpImplant> {
        match self {
            Implant::Pump(p) => Some(p),
            Implant::Stim(_) => None,
        }
    }

    /// The implant as its own slice's type `T` (e.g. [`pump::PumpImplant`]), `None` when it
    /// is another kind: how a slice's own code outside the core (its command-line flags)
    /// reads its device, without asking which kind the implant is.
    pub fn downcast_ref<T: std::any::Any>(&self) -> Option<&T> {
        let any: &dyn std::any::Any = match self {
            Implant::Stim(s) => s,
            Implant::Pump(p) => p.as_ref(),
        };
        any.downcast_ref()
    }

    /// The implant in the scene now (pain from the slow states, with the fluctuation
    /// `noise`).
    pub fn view(&self, scene: Scene, noise: f64) -> View {
        let therapy = self.therapy();
        let ma = therapy.instant_ma(scene.t_s);
        let response = therapy.respond(scene.patient, ma);
        let pain = therapy.pain(scene.patient, noise);
        self.assemble(scene, ma, response, pain)
    }

    /// The steady state of the present settings: what pain settles to after minutes to
    /// hours at the programmed amplitude (no fluctuation, no soft start or cycling).
    pub fn steady_view(&self, scene: Scene) -> View {
        let therapy = self.therapy();
        let ma = therapy.steady_ma(scene.patient);
        let response = therapy.respond(scene.patient, ma);
        let pain = therapy.steady_pain(scene.patient, &response);
        self.assemble(scene, ma, response, pain)
    }

    fn assemble(&self, scene: Scene, ma: f64, response: Response, pain: Pain) -> View {
        let therapy = self.therapy();
        let speech = therapy.speech(scene.patient, &response, &pain, ma);
        let mut alerts = therapy.status_alerts();
        if scene.link != Link::Connected {
            alerts.push(Warning::new(WarningCode::Link, scene.link.label()));
        }
        let safety = therapy.safety();
        alerts.extend(safety.iter().flat_map(|s| s.warnings.iter().cloned()));
        alerts.extend(therapy.felt_alerts());
        let (pt_ma, dt_ma) = therapy.thresholds();
        View {
            t_s: scene.t_s,
            delivered_ma: ma,
            response,
            pain,
            speech,
            pt_ma,
            dt_ma,
            safety,
            alerts,
        }
    }
}
