//! The rules of a stimulator's MRI day: the scene books the scan, the programmer runs the
//! impedance check its MRI conditions ask for (the record they fill is [`super::mri`]).

use super::ctx::Ctx;
use super::mri::{MriDay, SCAN_MINUTES, clock};
use super::stimulator::Stimulator;
use crate::device::Generator;
use crate::implant::command::Event;
use crate::implant::refusal::Refusal;

/// The latest a scan may be booked, s after the start: within the day.
const LATEST_S: f64 = 86_400.0;

/// The scene books a scan from `at_s` for `minutes`.
pub(super) fn book(s: &mut Ctx, at_s: f64, minutes: f64) -> Result<Vec<Event>, Refusal> {
    let (lo, hi) = SCAN_MINUTES;
    if !(0.0..=LATEST_S).contains(&at_s) || !(lo..=hi).contains(&minutes) {
        return Err(Refusal::Scene(format!(
            "an MRI scan starts within a day (0–{LATEST_S} s) and lasts {lo}–{hi} minutes"
        )));
    }
    let until = at_s + minutes * 60.0;
    let percutaneous = s.device().generator() == Generator::External;
    s.stim.mri = MriDay {
        scan: Some((at_s, until)),
        percutaneous,
        ..MriDay::default()
    };
    Ok(vec![Event::Changed(format!(
        "MRI scan booked from {} to {}",
        clock(at_s),
        clock(until)
    ))])
}

/// The programmer's impedance check: every contact read, faults named.
pub(super) fn check_impedances(s: &mut Ctx) -> Result<Vec<Event>, Refusal> {
    let faults = s.device().impedances.faults();
    s.stim.mri.checked = Some((s.host.t_s, faults.is_empty()));
    let words = if faults.is_empty() {
        "impedance check: every contact in range".to_string()
    } else {
        let list: Vec<String> = faults
            .iter()
            .map(|f| {
                format!(
                    "lead {} contact {} {}",
                    f.lead.saturating_add(1),
                    f.contact,
                    f.fault.describe()
                )
            })
            .collect();
        format!("impedance check: {}", list.join(", "))
    };
    Ok(vec![Event::Changed(words)])
}

impl Stimulator {
    /// What happened around a booked MRI scan.
    pub fn mri_day(&self) -> &MriDay {
        &self.mri
    }
}
