//! Steering the field from the clinician programmer's lead diagram, as tablet programmers
//! do: up and down move the cathode and its guarding anodes one contact along the leads;
//! left and right shift cathodic current between the two leads in 10 % steps. Each step is
//! one [`ProgrammerEdit`] for the programmer to send through `Session::apply`.

use super::ProgrammerEdit;
use crate::device::lead::{CONTACTS_PER_LEAD, Electrodes, Polarity};

/// Share of the cathodic current moved by one left or right step, percent.
pub const STEER_STEP_PERCENT: f64 = 10.0;

/// A steering arrow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Steer {
    /// Towards the head: every active contact moves one contact towards the tip (contact 0).
    Up,
    /// Towards the feet: every active contact moves one contact away from the tip.
    Down,
    /// Cathodic current moves to the lead lying more to the patient's left.
    Left,
    /// Cathodic current moves to the lead lying more to the patient's right.
    Right,
}

impl Steer {
    /// The arrow's accessible name.
    pub fn words(self) -> &'static str {
        match self {
            Steer::Up => "Steer up",
            Steer::Down => "Steer down",
            Steer::Left => "Steer left",
            Steer::Right => "Steer right",
        }
    }
}

/// Why a steering step cannot be taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SteerProblem {
    /// No cathode to move.
    NoCathode,
    /// A contact in use is already at the end of its lead.
    AtEnd,
    /// Left and right need a cathode on each of two leads.
    NeedsTwoLeads,
    /// The lead on that side already carries all but the smallest share.
    AtSide,
}

impl std::fmt::Display for SteerProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SteerProblem::NoCathode => "No cathode to steer: tap a contact to − first",
            SteerProblem::AtEnd => "The field is at the end of the lead",
            SteerProblem::NeedsTwoLeads => {
                "Steering left or right needs a cathode (−) on each of two leads"
            }
            SteerProblem::AtSide => "The field is already steered fully to that side",
        })
    }
}

/// The edit that takes one steering step from `e` on leads lying at `lateral_mm` (one per
/// lead, negative = the patient's left). Up and down send the shifted contacts (the device
/// then sets the amplitude to 0, as for every polarity change); left and right send new
/// current fractions, keeping each lead's cathodes in proportion and the anodes as they are.
pub fn steer(
    e: &Electrodes,
    lateral_mm: &[f64],
    direction: Steer,
) -> Result<ProgrammerEdit, SteerProblem> {
    if !e.leads.iter().flatten().any(|p| *p == Polarity::Cathode) {
        return Err(SteerProblem::NoCathode);
    }
    match direction {
        Steer::Up => shift(e, -1),
        Steer::Down => shift(e, 1),
        Steer::Left => sideways(e, lateral_mm, true),
        Steer::Right => sideways(e, lateral_mm, false),
    }
}

/// Every active contact `by` contacts along its lead.
fn shift(e: &Electrodes, by: isize) -> Result<ProgrammerEdit, SteerProblem> {
    let mut leads = Vec::with_capacity(e.leads.len());
    for lead in &e.leads {
        let mut moved = [Polarity::Off; CONTACTS_PER_LEAD];
        for (k, p) in lead.iter().enumerate() {
            if *p == Polarity::Off {
                continue;
            }
            let to = k
                .checked_add_signed(by)
                .filter(|to| *to < CONTACTS_PER_LEAD)
                .ok_or(SteerProblem::AtEnd)?;
            moved[to] = *p;
        }
        leads.push(moved);
    }
    let moved = Electrodes::equal_split(leads, e.case_anode);
    Ok(ProgrammerEdit::SetContacts {
        code: moved.to_code(),
        case_anode: e.case_anode,
    })
}

/// Shifts [`STEER_STEP_PERCENT`] of the cathodic current to the lead on the left (or right).
fn sideways(
    e: &Electrodes,
    lateral_mm: &[f64],
    left: bool,
) -> Result<ProgrammerEdit, SteerProblem> {
    let active = e.active();
    let share = |lead: usize| -> f64 {
        active
            .iter()
            .filter(|c| c.lead == lead && c.polarity == Polarity::Cathode)
            .map(|c| c.fraction * 100.0)
            .sum()
    };
    let with_cathode: Vec<usize> = (0..e.leads.len()).filter(|l| share(*l) > 0.0).collect();
    let &[a, b] = with_cathode.as_slice() else {
        return Err(SteerProblem::NeedsTwoLeads);
    };
    let at = |l: usize| lateral_mm.get(l).copied().unwrap_or(l as f64);
    let (left_lead, right_lead) = if at(a) <= at(b) { (a, b) } else { (b, a) };
    let (to, from) = if left {
        (left_lead, right_lead)
    } else {
        (right_lead, left_lead)
    };
    // Snap to the 10 % grid, keeping at least one step on each lead.
    let from_now = share(from);
    let from_new =
        ((from_now - STEER_STEP_PERCENT) / STEER_STEP_PERCENT).round() * STEER_STEP_PERCENT;
    if from_new < STEER_STEP_PERCENT - 1e-6 {
        return Err(SteerProblem::AtSide);
    }
    let to_new = 100.0 - from_new;
    let scale = |lead: usize| {
        if lead == from {
            from_new / from_now
        } else if lead == to {
            to_new / share(to)
        } else {
            1.0
        }
    };
    let mut percent = vec![vec![0.0; CONTACTS_PER_LEAD]; e.leads.len()];
    for c in &active {
        percent[c.lead][c.contact] = match c.polarity {
            Polarity::Cathode => c.fraction * 100.0 * scale(c.lead),
            _ => c.fraction * 100.0,
        };
    }
    Ok(ProgrammerEdit::SetFractions {
        percent,
        case_percent: e.case_anode.then(|| e.case_fraction() * 100.0),
    })
}

/// The cathodic share of each lead, percent (what the diagram shows beside the arrows).
pub fn cathodic_shares(e: &Electrodes) -> Vec<f64> {
    let mut out = vec![0.0; e.leads.len()];
    for c in e.active() {
        if c.polarity == Polarity::Cathode {
            out[c.lead] += c.fraction * 100.0;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_leads() -> Electrodes {
        Electrodes::parse("000+-+00/000+-+00", false).unwrap()
    }

    fn apply(e: &Electrodes, edit: ProgrammerEdit) -> Electrodes {
        match edit {
            ProgrammerEdit::SetContacts { code, case_anode } => {
                Electrodes::parse(&code, case_anode).unwrap()
            }
            ProgrammerEdit::SetFractions {
                percent,
                case_percent,
            } => {
                let mut next = e.clone();
                next.set_percentages(&percent, case_percent).unwrap();
                next
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn up_and_down_move_the_cathode_with_its_guarding_anodes() {
        let e = two_leads();
        let up = apply(&e, steer(&e, &[-1.0, 1.0], Steer::Up).unwrap());
        assert_eq!(up.to_code(), "00+-+000/00+-+000");
        let down = apply(&e, steer(&e, &[-1.0, 1.0], Steer::Down).unwrap());
        assert_eq!(down.to_code(), "0000+-+0/0000+-+0");
    }

    #[test]
    fn the_field_stops_at_the_end_of_the_lead() {
        let e = Electrodes::parse("-+000000", false).unwrap();
        assert_eq!(steer(&e, &[0.0], Steer::Up), Err(SteerProblem::AtEnd));
        let e = Electrodes::parse("000000+-", false).unwrap();
        assert_eq!(steer(&e, &[0.0], Steer::Down), Err(SteerProblem::AtEnd));
    }

    #[test]
    fn left_and_right_shift_cathodic_current_between_the_leads_in_ten_percent_steps() {
        let e = two_leads();
        // Lead 1 lies on the left (−1 mm), lead 2 on the right (+1 mm).
        let right = apply(&e, steer(&e, &[-1.0, 1.0], Steer::Right).unwrap());
        let shares = cathodic_shares(&right);
        assert!((shares[0] - 40.0).abs() < 1e-6, "{shares:?}");
        assert!((shares[1] - 60.0).abs() < 1e-6, "{shares:?}");
        // Anodes keep their shares.
        for c in right.active() {
            if c.polarity == Polarity::Anode {
                assert!((c.fraction - 0.25).abs() < 1e-9);
            }
        }
        let back = apply(&right, steer(&right, &[-1.0, 1.0], Steer::Left).unwrap());
        let shares = cathodic_shares(&back);
        assert!((shares[0] - 50.0).abs() < 1e-6, "{shares:?}");
        // Leads listed the other way round: left is still the lead on the left.
        let swapped = apply(&e, steer(&e, &[1.0, -1.0], Steer::Right).unwrap());
        assert!((cathodic_shares(&swapped)[0] - 60.0).abs() < 1e-6);
    }

    #[test]
    fn steering_sideways_stops_at_ten_percent_and_needs_two_leads() {
        let mut e = two_leads();
        for _ in 0..4 {
            e = apply(&e, steer(&e, &[-1.0, 1.0], Steer::Right).unwrap());
        }
        assert!((cathodic_shares(&e)[1] - 90.0).abs() < 1e-6);
        assert_eq!(
            steer(&e, &[-1.0, 1.0], Steer::Right),
            Err(SteerProblem::AtSide)
        );
        let one = Electrodes::parse("000+-+00", false).unwrap();
        assert_eq!(
            steer(&one, &[0.0], Steer::Left),
            Err(SteerProblem::NeedsTwoLeads)
        );
        let none = Electrodes::parse("000+0000", true);
        assert!(none.is_err(), "no cathode is no configuration at all");
    }

    #[test]
    fn the_case_keeps_its_share() {
        let e = Electrodes::parse("0000-000/0000-000", true).unwrap();
        match steer(&e, &[-1.0, 1.0], Steer::Left).unwrap() {
            ProgrammerEdit::SetFractions { case_percent, .. } => {
                assert_eq!(case_percent, Some(100.0));
            }
            other => panic!("{other:?}"),
        }
    }
}
