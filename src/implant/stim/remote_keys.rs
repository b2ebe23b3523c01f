//! A stimulator's keys on the patient's remote: on and off, amplitude inside the window (in
//! closed loop: the target, within the clinician's limits), closed loop on and off,
//! program, MRI mode (the session has checked the remote's lock and link).

use super::ctx::Ctx;
use crate::device::battery::BatteryState;
use crate::device::program::{AMPLITUDE_STEP_MA, snap};
use crate::implant::command::{Event, RemoteKey};
use crate::implant::refusal::Refusal;

/// Applies a stimulator's remote key.
pub(super) fn apply(s: &mut Ctx, key: &RemoteKey) -> Result<Vec<Event>, Refusal> {
    match key {
        RemoteKey::TherapyOn => therapy_on(s),
        RemoteKey::TherapyOff => {
            s.device_mut().therapy_on = false;
            Ok(vec![Event::Therapy(false)])
        }
        RemoteKey::AmplitudeUp if in_closed_loop(s) => super::loop_rules::patient_target(s, true),
        RemoteKey::AmplitudeDown if in_closed_loop(s) => {
            super::loop_rules::patient_target(s, false)
        }
        RemoteKey::AmplitudeUp => step_amplitude(s, 1.0),
        RemoteKey::AmplitudeDown => step_amplitude(s, -1.0),
        RemoteKey::ClosedLoop(on) => super::loop_rules::patient_switch(s, *on),
        RemoteKey::SelectProgram(i) => {
            if *i >= s.device_mut().programs.len() {
                return Err(Refusal::NoProgram {
                    index: *i,
                    count: s.device_mut().programs.len(),
                });
            }
            s.device_mut().active = *i;
            s.restart_stimulation();
            Ok(vec![Event::Program(*i)])
        }
        RemoteKey::Lock | RemoteKey::Unlock | RemoteKey::Pump(_) => Err(s.not_mine(key.clone())),
        RemoteKey::Recharge => {
            s.device_mut().battery.recharge();
            Ok(vec![Event::Changed("implant battery recharged".into())])
        }
        RemoteKey::MriMode(on) => {
            if let Some(lead) = s.stim.first_withdrawn() {
                return Err(Refusal::LeadWithdrawn { lead });
            }
            if *on && s.device().generator() == crate::device::Generator::External {
                return Err(Refusal::MrUnsafe);
            }
            s.device_mut().mri_mode = *on;
            if *on {
                s.stim.mri.safe_since_s = Some(s.host.t_s);
                s.device_mut().therapy_on = false;
                return Ok(vec![
                    Event::Therapy(false),
                    Event::Changed("MRI mode on: stimulation off".into()),
                ]);
            }
            Ok(vec![Event::Changed("MRI mode off".into())])
        }
    }
}

/// Whether the running program is in closed loop (its up and down keys move the target).
fn in_closed_loop(s: &mut Ctx) -> bool {
    s.device_mut().program().running_loop().is_some()
}

fn therapy_on(s: &mut Ctx) -> Result<Vec<Event>, Refusal> {
    if s.device_mut().mri_mode {
        return Err(Refusal::MriMode);
    }
    if let Some(lead) = s.stim.first_withdrawn() {
        return Err(Refusal::LeadWithdrawn { lead });
    }
    if s.device_mut().battery.state() == BatteryState::Depleted {
        return Err(Refusal::BatteryDepleted);
    }
    if !s.device_mut().therapy_on {
        s.device_mut().therapy_on = true;
        s.restart_stimulation();
    }
    Ok(vec![Event::Therapy(true)])
}

fn step_amplitude(s: &mut Ctx, direction: f64) -> Result<Vec<Event>, Refusal> {
    if !s.device_mut().therapy_on {
        return Err(Refusal::StimulationOff);
    }
    let p = s.device_mut().program();
    let (now, w, step) = (p.settings.amplitude_ma, p.window, p.step_ma);
    let target = if direction > 0.0 {
        if now >= w.max_ma - 1e-9 {
            return Err(Refusal::AtMaximum { max_ma: w.max_ma });
        }
        (now + step).clamp(w.min_ma, w.max_ma)
    } else {
        if now <= w.min_ma + 1e-9 {
            return Err(Refusal::AtMinimum { min_ma: w.min_ma });
        }
        (now - step).clamp(w.min_ma, w.max_ma)
    };
    let v = snap(target, AMPLITUDE_STEP_MA);
    s.device_mut().program_mut().settings.amplitude_ma = v;
    Ok(vec![Event::Amplitude(v)])
}
