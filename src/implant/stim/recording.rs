//! Where a spinal cord stimulator records its evoked response (ECAP), and what `eval`
//! reports of it: closed-loop devices record on contacts of the stimulating lead that carry
//! no current, a few contacts from the cathode (REFERENCES-ECAP §1), so the recording sees
//! the volley after the stimulus artifact has decayed.

use crate::device::Device;
use crate::device::lead::CONTACT_PITCH_MM;
use crate::patient::ecap::Ecap;

/// Fewest contacts between the cathode and the recording contact: the neighbours carry the
/// anodes of a guarded cathode, and the artifact is largest there.
pub const MIN_RECORDING_STEP: usize = 2;

/// Cathode to recording contact along the lead, mm: the nearest contact at least
/// [`MIN_RECORDING_STEP`] from the first cathode of its lead that carries no current (the
/// rostral one when two are as near); `None` without a cathode or a free contact.
pub fn recording_mm(device: &Device) -> Option<f64> {
    let code = device.contacts_code();
    code.split('/').find_map(|lead| {
        let contacts: Vec<char> = lead.chars().collect();
        let cathode = contacts.iter().position(|&c| c == '-')?;
        (MIN_RECORDING_STEP..contacts.len())
            .flat_map(|step| [cathode.checked_sub(step), Some(cathode + step)])
            .flatten()
            .find(|&j| contacts.get(j) == Some(&'0'))
            .map(|j| j.abs_diff(cathode) as f64 * CONTACT_PITCH_MM)
    })
}

/// What `eval` reports of the ECAP.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EcapFigures {
    /// The ECAP threshold, mA (`None`: not reached within the device's range).
    pub threshold_ma: Option<f64>,
    /// The growth curve's slope in the middle of the therapeutic window (or 1 mA above
    /// the ECAP threshold without one), µV/mA.
    pub slope_uv_per_ma: Option<f64>,
    /// The ECAP at the delivered current, µV.
    pub ecap_uv: f64,
}

/// The ECAP figures of `ecap` at `delivered_ma`, with the window (`pt_ma`, `dt_ma`) that
/// places the slope.
pub fn figures(
    ecap: &Ecap,
    delivered_ma: f64,
    pt_ma: Option<f64>,
    dt_ma: Option<f64>,
) -> EcapFigures {
    let threshold_ma = ecap.threshold_ma(crate::device::program::MAX_AMPLITUDE_MA);
    let at = pt_ma
        .zip(dt_ma)
        .map(|(pt, dt)| 0.5 * (pt + dt))
        .or(threshold_ma.map(|t| t + 1.0));
    EcapFigures {
        threshold_ma,
        slope_uv_per_ma: at.map(|ma| ecap.slope_uv_per_ma(ma, 0.0)),
        ecap_uv: ecap.amplitude_uv(delivered_ma, 0.0),
    }
}
