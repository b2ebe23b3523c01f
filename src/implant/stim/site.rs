//! Where a stimulator's leads lie — in the spine or at peripheral nerves — and the safety
//! advice that follows from it. The shared generator ([`crate::device`]) holds both kinds
//! of lead; only this slice asks which it has.

use crate::device::Device;
use crate::device::safety::{self, SafetyReport};

/// Whether the leads lie at peripheral nerves (peripheral nerve stimulation).
pub fn at_nerves(device: &Device) -> bool {
    !device.nerve_leads.is_empty()
}

/// Safety figures and warnings of the running program, with the advisory on chronic
/// nerve stimulation's rate and time on when the leads lie at nerves.
pub fn safety(device: &Device) -> SafetyReport {
    let mut report = device.safety();
    if at_nerves(device)
        && let Some(w) = safety::nerve_duty_warning(&device.program().settings)
    {
        report.warnings.push(w);
    }
    report
}
