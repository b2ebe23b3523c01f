//! A titration judged (ziconotide's: start low, go slow, stop where it relieves), and the
//! dose that relieves this patient once settled, which a varied patient moves.

use super::rules::ZICONOTIDE_MAX_MG;
use super::{Mode, PumpImplant, PumpRefusal};
use crate::implant::Therapy as _;
use crate::implant::goal::{Ending, Verdict};
use crate::implant::least::least_meeting;
use crate::implant::refusal::Refusal;
use crate::patient::Patient;
use crate::patient::pharmacology::Effects;
use crate::patient::pharmacology::effects::Sign;

/// `p` settled on `mg` a day of its programmed drug in simple continuous mode.
fn settled_at(p: &PumpImplant, mg: f64) -> PumpImplant {
    let mut q = p.clone();
    q.pump.daily_dose_mg = mg;
    q.pump.mode = Mode::SimpleContinuous;
    q.steady()
}

/// The least daily dose of the programmed drug that gives `min_relief_percent` in
/// `patient` once settled, mg/day (to a ten-thousandth of the maximum); `None` when even
/// ziconotide's maximum does not.
pub fn least_relieving_dose(
    p: &PumpImplant,
    patient: &Patient,
    min_relief_percent: f64,
) -> Option<f64> {
    least_meeting(ZICONOTIDE_MAX_MG, 1e-4 * ZICONOTIDE_MAX_MG, |mg| {
        settled_at(p, mg).pain(patient, 0.0).relief_percent >= min_relief_percent
    })
}

/// Confusion or psychiatric effects: the signs that end a titration.
fn confused(effects: &Effects) -> bool {
    effects.has(Sign::Confusion) || effects.has(Sign::PsychiatricEffects)
}

/// Judges a titration (see [`super::goal::PumpGoal::Titration`]): `least` is (least dose
/// at the end mg/day, least relief %).
pub fn judge(
    end: &Ending,
    p: &PumpImplant,
    least: (f64, f64),
    max_above_needed_mg: Option<f64>,
) -> Verdict {
    let (min_dose_mg, min_relief_percent) = least;
    let broken = end
        .refused
        .iter()
        .filter(|r| matches!(r, Refusal::Pump(PumpRefusal::Ziconotide(_))))
        .count();
    let relief = p.pain(end.patient, 0.0).relief_percent;
    let dose = p.pump.daily_dose_mg;
    let bad_signs = confused(&p.effects(end.patient));
    let needed = max_above_needed_mg.map(|above| {
        (
            least_relieving_dose(p, end.patient, min_relief_percent),
            above,
        )
    });
    let not_too_much = match needed {
        Some((Some(need), above)) => dose <= need + above + 1e-9,
        Some((None, _)) => false,
        None => true,
    };
    Verdict::of_checks(
        &[
            dose >= min_dose_mg - 1e-12,
            relief >= min_relief_percent,
            broken == 0,
            !bad_signs,
            not_too_much,
        ],
        format!(
            "{:.1} µg/day (at least {:.1}{}), relief {relief:.0}% (needed {min_relief_percent:.0}%), {broken} step(s) the dose rules refused{}",
            dose * 1000.0,
            min_dose_mg * 1000.0,
            match needed {
                Some((Some(need), above)) => format!(
                    "; this patient needed {:.1}, so at most {:.1}",
                    need * 1000.0,
                    (need + above) * 1000.0
                ),
                Some((None, _)) => "; no dose relieves this patient".into(),
                None => String::new(),
            },
            if bad_signs {
                ", confusion or psychiatric effects"
            } else {
                ""
            }
        ),
    )
}
