//! `simulate`'s closed loop and the patient's events: `--closed-loop` with its target,
//! gain and rate (defaults from the patient's growth curve, outside an exercise), and
//! `--events "60:cough,120:posture=supine"` (or `@FILE`) parsed into happenings.

use super::series::{Happening, PatientEvent};
use crate::cli::args::Simulate;
use anyhow::{Result, anyhow};
use scs_sim::device::closed_loop::{LoopSettings, MAX_UPDATE_HZ};
use scs_sim::device::program::MAX_AMPLITUDE_MA;
use scs_sim::files::{read_text, shorten};
use scs_sim::patient::anatomy::Posture;
use scs_sim::patient::cord_motion::Jolt;
use scs_sim::patient::ecap::NOISE_FLOOR_UV;
use scs_sim::session::{ProgrammerEdit, Session};
use std::path::Path;

/// Most events one run takes.
pub const MAX_EVENTS: usize = 10_000;

/// The `--events` of `a`, in the order given (none without the flag).
pub fn events(a: &Simulate) -> Result<Vec<(f64, Happening)>> {
    let Some(text) = &a.events else {
        return Ok(Vec::new());
    };
    let list = match text.strip_prefix('@') {
        Some(path) => read_text(Path::new(path)).map_err(|e| anyhow!("--events: {e}"))?,
        None => text.clone(),
    };
    let items: Vec<&str> = list
        .split([',', '\n'])
        .map(str::trim)
        .filter(|i| !i.is_empty() && !i.starts_with('#'))
        .collect();
    if items.len() > MAX_EVENTS {
        return Err(anyhow!(
            "--events: {} events; a run takes at most {MAX_EVENTS}",
            items.len()
        ));
    }
    items.iter().map(|i| event(i, a.seconds)).collect()
}

/// One `SECONDS:WHAT` item.
fn event(item: &str, seconds: f64) -> Result<(f64, Happening)> {
    let bad = |why: &str| anyhow!("--events: '{}' {why}", shorten(item));
    let (t, what) = item
        .split_once(':')
        .ok_or_else(|| bad("is not SECONDS:cough, SECONDS:bend or SECONDS:posture=NAME"))?;
    let t: f64 = t
        .trim()
        .parse()
        .map_err(|_| bad("does not start with a time in seconds"))?;
    if !t.is_finite() || t < 0.0 || t > seconds {
        return Err(bad(&format!("is not within the run (0 to {seconds} s)")));
    }
    let what = match what.trim().split_once('=') {
        None if what.trim() == "cough" => PatientEvent::Jolt(Jolt::Cough),
        None if what.trim() == "bend" => PatientEvent::Jolt(Jolt::Bend),
        Some(("posture", p)) => PatientEvent::Posture(
            Posture::parse(p.trim()).map_err(|e| bad(&format!("names no posture: {e}")))?,
        ),
        _ => return Err(bad("is not cough, bend or posture=NAME")),
    };
    Ok((t, Happening::Patient(what)))
}

/// Puts the running program in closed loop as `--closed-loop` asks: its target (default:
/// the ECAP at the set amplitude), gain (default: half the inverse of the slope there, a
/// smooth loop), rate (default: every pulse) and the patient's window as its limits. In an
/// exercise the target and gain must be given: the defaults read the hidden patient.
pub fn start(a: &Simulate, s: &mut Session) -> Result<()> {
    if !a.closed_loop {
        return Ok(());
    }
    let refused = |why: String| anyhow!("--closed-loop refused: {why}");
    let device = s
        .device()
        .ok_or_else(|| refused("this patient has no stimulator".into()))?;
    let program = device.program();
    let ma = program.settings.amplitude_ma;
    let window = program.window;
    let rate_hz = a
        .loop_rate_hz
        .unwrap_or(program.settings.rate_hz.min(MAX_UPDATE_HZ));
    let guess = match (a.ecap_target_uv, a.loop_gain) {
        (Some(t), Some(g)) => (t, g),
        _ if s.exercise.is_some() => {
            return Err(refused(
                "in an exercise give --ecap-target-uv and --loop-gain (the defaults read the patient's hidden growth curve)".into(),
            ));
        }
        (target, gain) => {
            let stim = s
                .stimulator()
                .ok_or_else(|| refused("this patient has no stimulator".into()))?;
            let ecap = stim.ecap(&s.patient).ok_or_else(|| {
                refused("this program records no ECAP (a spinal lead with a free contact two or more from the cathode, tonic or burst)".into())
            })?;
            let now_uv = ecap.amplitude_uv(ma, 0.0);
            if target.is_none() && now_uv < NOISE_FLOOR_UV {
                return Err(refused(format!(
                    "at {ma} mA the ECAP ({now_uv:.1} µV) is below the {NOISE_FLOOR_UV} µV a recording resolves: raise --amplitude-ma above the ECAP threshold ({}) or give --ecap-target-uv",
                    ecap.threshold_ma(MAX_AMPLITUDE_MA)
                        .map_or("none within range".into(), |t| format!("{t} mA"))
                )));
            }
            let slope = ecap.slope_uv_per_ma(ma, 0.0);
            (
                target.unwrap_or(now_uv),
                gain.unwrap_or(if slope > 0.0 { 0.5 / slope } else { 0.0 }),
            )
        }
    };
    let settings = LoopSettings {
        target_uv: guess.0,
        gain_ma_per_uv: guess.1,
        update_hz: rate_hz,
        min_ma: window.min_ma,
        max_ma: window.max_ma,
    };
    s.apply(ProgrammerEdit::SetClosedLoop(Some(settings)))
        .map_err(|e| refused(e.to_string()))?;
    Ok(())
}
