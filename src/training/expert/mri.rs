//! The expert's way through a stimulator's MRI day: the impedance check the MRI
//! conditions ask for, MRI mode just before the booked scan, therapy back just after; or,
//! with percutaneous leads (MR unsafe), every lead withdrawn just before the scan.

use super::builder::{Builder, GAP_S};
use crate::device::lead::LeadModel;
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
    let coiled: Vec<usize> = b.session.device().map_or(Vec::new(), |d| {
        (0..d.nerve_leads.len())
            .filter(|i| d.nerve_leads[*i].model == LeadModel::Coiled)
            .collect()
    });
    if !coiled.is_empty() {
        withdraw_before(b, &coiled, (from, until), max_off_minutes);
        return;
    }
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

/// Percutaneous leads before a scan: each withdrawn just before it (they are MR unsafe,
/// and MRI mode does not make them safe), not hours early (the relief fades once
/// stimulation stops).
fn withdraw_before(b: &mut Builder, leads: &[usize], scan: (f64, f64), max_off_minutes: f64) {
    let (from, until) = scan;
    b.wait_until(from - BEFORE_S);
    let names: Vec<String> = leads.iter().map(|l| (l + 1).to_string()).collect();
    b.step(
        format!(
            "The scan is booked from {} to {}; percutaneous leads are MR unsafe and MRI mode cannot change that: withdraw lead{} {} just before it ({}), not earlier than {max_off_minutes:.0} min before.",
            clock(from),
            clock(until),
            if leads.len() > 1 { "s" } else { "" },
            names.join(" and "),
            clock(from - BEFORE_S)
        ),
        leads
            .iter()
            .map(|l| ProgrammerEdit::RemoveLead(*l).into())
            .collect(),
        GAP_S,
    );
    b.wait_until(until + AFTER_S);
    b.say(format!(
        "After the scan ({}) check the exit sites; the relief of the 60-day therapy can carry over for weeks after the leads are out.",
        clock(until)
    ));
}
