//! The clinician's closed-loop settings: checked against the device's limits and against
//! what the leads can record before they reach the running program.

use super::ctx::Ctx;
use crate::device::closed_loop::{LoopSettings, MAX_TARGET_STEPS, MAX_UPDATE_HZ, PatientLoop};
use crate::device::program::MAX_AMPLITUDE_MA;
use crate::implant::command::Event;
use crate::implant::refusal::Refusal;
use crate::patient::ecap::NOISE_FLOOR_UV;

/// Largest ECAP target, µV (well above any comfortable response).
pub const MAX_TARGET_UV: f64 = 1000.0;
/// Largest gain, mA per µV (a loop this fierce already oscillates on any cord).
pub const MAX_GAIN_MA_PER_UV: f64 = 1.0;

/// Puts the running program in closed loop with `settings`, or back in open loop.
pub(super) fn set(s: &mut Ctx, settings: Option<&LoopSettings>) -> Result<Vec<Event>, Refusal> {
    let Some(l) = settings else {
        let program = s.device_mut().program_mut();
        program.closed_loop = None;
        program.patient_loop = PatientLoop::default();
        return Ok(vec![Event::Changed("closed loop off: open loop".into())]);
    };
    check(l)?;
    if s.stim.ecap(s.host.patient).is_none() {
        return Err(refuse(
            "closed loop needs an ECAP to hold: a spinal lead with a free contact two or more from the cathode, and a tonic or burst waveform",
        ));
    }
    let program = s.device_mut().program_mut();
    program.closed_loop = Some(*l);
    program.patient_loop = PatientLoop::default();
    Ok(vec![Event::Changed(format!(
        "closed loop: target {:.0} µV, gain {} mA/µV, {:.0} updates/s, {}–{} mA",
        l.target_uv, l.gain_ma_per_uv, l.update_hz, l.min_ma, l.max_ma
    ))])
}

/// The patient's remote in closed loop: closed loop back on (`true`, with the clinician's
/// settings) or off (open loop at the program's amplitude).
pub(super) fn patient_switch(s: &mut Ctx, on: bool) -> Result<Vec<Event>, Refusal> {
    let program = s.device_mut().program_mut();
    if program.closed_loop.is_none() {
        return Err(refuse(
            "this program has no closed loop: the clinician sets one up on the programmer's ECAP tab",
        ));
    }
    program.patient_loop.off = !on;
    Ok(vec![Event::Changed(
        if on {
            "closed loop on"
        } else {
            "closed loop off: open loop at the program's amplitude"
        }
        .into(),
    )])
}

/// The patient's up or down key in closed loop: the target moves one step, no further
/// than [`MAX_TARGET_STEPS`] from the clinician's.
pub(super) fn patient_target(s: &mut Ctx, up: bool) -> Result<Vec<Event>, Refusal> {
    let program = s.device_mut().program_mut();
    let steps = program.patient_loop.steps + if up { 1 } else { -1 };
    if steps.abs() > MAX_TARGET_STEPS {
        return Err(refuse(if up {
            "the target is at the highest the clinician allows"
        } else {
            "the target is at the lowest the clinician allows"
        }));
    }
    program.patient_loop.steps = steps;
    let target = program.running_loop().map_or(0.0, |l| l.target_uv);
    Ok(vec![Event::Changed(format!(
        "closed-loop target {target:.0} µV"
    ))])
}

/// The settings' own limits, each refused in one sentence.
fn check(l: &LoopSettings) -> Result<(), Refusal> {
    let finite = [
        l.target_uv,
        l.gain_ma_per_uv,
        l.update_hz,
        l.min_ma,
        l.max_ma,
    ]
    .iter()
    .all(|v| v.is_finite());
    if !finite {
        return Err(refuse("closed-loop settings must be numbers"));
    }
    if !(NOISE_FLOOR_UV..=MAX_TARGET_UV).contains(&l.target_uv) {
        return Err(refuse(&format!(
            "ECAP target {:.1} µV is outside {NOISE_FLOOR_UV}–{MAX_TARGET_UV} µV",
            l.target_uv
        )));
    }
    if !(0.0..=MAX_GAIN_MA_PER_UV).contains(&l.gain_ma_per_uv) {
        return Err(refuse(&format!(
            "loop gain {} mA/µV is outside 0–{MAX_GAIN_MA_PER_UV} mA/µV",
            l.gain_ma_per_uv
        )));
    }
    if !(1.0..=MAX_UPDATE_HZ).contains(&l.update_hz) {
        return Err(refuse(&format!(
            "loop rate {} Hz is outside 1–{MAX_UPDATE_HZ} Hz",
            l.update_hz
        )));
    }
    if !(0.0 <= l.min_ma && l.min_ma <= l.max_ma && l.max_ma <= MAX_AMPLITUDE_MA) {
        return Err(refuse(&format!(
            "loop limits {}–{} mA must lie within 0–{MAX_AMPLITUDE_MA} mA, lowest first",
            l.min_ma, l.max_ma
        )));
    }
    Ok(())
}

fn refuse(message: &str) -> Refusal {
    Refusal::Setting {
        field: "closed_loop".into(),
        message: message.to_string(),
    }
}
