//! The expert's way through a stimulator's MRI day: the impedance check the MRI
//! conditions ask for, MRI mode just before the booked scan, therapy back just after.

use super::builder::{Builder, GAP_S};
use crate::implant::stim::Stimulator;
use crate::implant::stim::mri::clock;
use crate::session::{ProgrammerEdit, RemoteKey};

/// How long before the scan the expert turns MRI mode on (the walk to the scanner), s.
const BEFORE_S: f64 = 120.0;

/// How long after the scan the expert turns therapy back on, s.
const AFTER_S: f64 = 60.0;

/// Check, MRI mode on before the scan, off and therapy on after it.
pub(super) fn mri_day(b: &mut Builder, max_off_minutes: f64) {
    let scan = b
        .session
        .implant()
        .downcast_ref::<Stimulator>()
        .and_then(|st| st.mri_day().scan);
    let Some((from, until)) = scan else {
        b.say("No scan is booked: nothing to prepare.".into());
        return;
    };
    b.step(
        "Run an impedance check: every contact reads in range, so the system meets its MRI conditions.".into(),
        vec![ProgrammerEdit::CheckImpedances.into()],
        GAP_S,
    );
    b.wait_until(from - BEFORE_S);
    b.step(
        format!(
            "The scan is booked from {} to {}: turn MRI mode on just before it ({}), not hours early (at most {max_off_minutes:.0} min without therapy).",
            clock(from),
            clock(until),
            clock(from - BEFORE_S)
        ),
        vec![RemoteKey::MriMode(true).into()],
        GAP_S,
    );
    b.wait_until(until + AFTER_S);
    b.step(
        format!(
            "Once the scan is over ({}), turn MRI mode off and stimulation back on; ask how she feels.",
            clock(until)
        ),
        vec![RemoteKey::MriMode(false).into(), RemoteKey::TherapyOn.into()],
        GAP_S,
    );
}
