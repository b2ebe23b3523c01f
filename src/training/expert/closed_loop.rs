//! The expert's way to closed loop (REFERENCES-ECAP §5): in open loop, find the patient's
//! perception and discomfort thresholds on the growth curve, hold the ECAP halfway between
//! them, pick a gain from the curve's slope that is quick without ringing even lying down,
//! and let the loop run.

use super::builder::{Builder, GAP_S};
use super::thresholds::thresholds;
use super::words::{ma_words, num};
use crate::device::closed_loop::LoopSettings;
use crate::session::ProgrammerEdit;
use crate::training::exercise::Goal;

/// Gain × slope the expert aims at, sitting: the error shrinks by more than half each
/// update, and lying down (where the slope roughly doubles) the loop still does not ring.
pub const GAIN_TIMES_SLOPE: f64 = 0.4;

/// Updates a second the expert sets (as Inceptiv; Evoke updates on every pulse).
pub const UPDATE_HZ: f64 = 50.0;

/// Lowest current the expert lets the loop set, as a share of the perception threshold:
/// lying down the loop needs less current than sitting.
const MIN_SHARE_OF_PT: f64 = 0.3;

/// Open loop (if it is closed), the thresholds marked by a ramp, then closed loop with a
/// target at the window's middle and a gain from the slope there.
pub(super) fn closed_loop(b: &mut Builder, goal: &Goal) {
    if b.session
        .device()
        .is_some_and(|d| d.program().closed_loop.is_some())
    {
        b.step(
            "Switch to open loop: the loop would fight the sweep.".into(),
            vec![ProgrammerEdit::SetClosedLoop(None).into()],
            GAP_S,
        );
    }
    thresholds(b, goal);
    let patient = b.session.patient.clone();
    let Some(st) = b.session.stimulator() else {
        return;
    };
    let (Some(pt), Some(dt), Some(ecap)) = (
        st.perception_threshold(),
        st.discomfort_threshold(),
        st.ecap(&patient),
    ) else {
        b.say(
            "These contacts record no ECAP: choose a cathode with a free contact two away.".into(),
        );
        return;
    };
    let middle = 0.5 * (pt + dt);
    let target = ecap.amplitude_uv(middle, 0.0).round();
    let slope = ecap.slope_uv_per_ma(middle, 0.0);
    let gain = round_gain(GAIN_TIMES_SLOPE / slope);
    let window = st.device().program().window;
    let min_ma = (MIN_SHARE_OF_PT * pt * 10.0).floor() / 10.0;
    let settings = LoopSettings {
        target_uv: target,
        gain_ma_per_uv: gain,
        update_hz: UPDATE_HZ,
        min_ma: min_ma.min(window.max_ma),
        max_ma: window.max_ma,
    };
    b.step(
        format!(
            "On the growth curve read the ECAP halfway between the thresholds (at {}): {} µV. Set it as the target, with a gain of {} mA/µV (0.4 divided by the slope there, {} µV/mA: quick without ringing when the patient lies down), {} updates a second, limits {}–{}, and turn closed loop on.",
            ma_words(middle),
            num(target),
            gain,
            num(slope),
            num(UPDATE_HZ),
            ma_words(settings.min_ma),
            ma_words(settings.max_ma),
        ),
        vec![ProgrammerEdit::SetClosedLoop(Some(settings)).into()],
        GAP_S,
    );
}

/// A gain to three significant figures (as the programmer's field shows it).
fn round_gain(g: f64) -> f64 {
    let scale = 10f64.powf(2.0 - g.abs().log10().floor());
    (g * scale).round() / scale
}
