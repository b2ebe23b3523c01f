//! The expert's way on a spinal cord stimulator: tonic programming to a coverage or relief
//! goal, 10 kHz without paresthesia, and a patient's range under the charge-density limit.

use super::builder::{Builder, GAP_S};
use super::titrate::titrate;
use super::words::{contacts_words, felt_where, ma_words, num, ohms};
use crate::device::program::{AMPLITUDE_STEP_MA, PatientWindow, Waveform};
use crate::device::safety::WarningCode;
use crate::session::{Command, ProgrammerEdit, RemoteKey, Role};
use crate::training::assistant;
use crate::training::exercise::Goal;
use crate::training::therapy::Therapy;

/// Faulty contacts the impedance check shows, as a step; none when all are sound.
fn impedance_check(b: &mut Builder) {
    let Some(d) = b.session.device() else {
        return;
    };
    let faults = d.impedances.faults();
    if faults.is_empty() {
        return;
    }
    let found: Vec<String> = faults
        .iter()
        .map(|f| {
            format!(
                "lead {} contact {} reads {} ({})",
                f.lead + 1,
                f.contact,
                ohms(d.impedances.ohm(f.lead, f.contact)),
                f.fault.describe()
            )
        })
        .collect();
    b.say(format!(
        "Run an impedance check: {}. Never use {}.",
        found.join("; "),
        if found.len() == 1 {
            "that contact"
        } else {
            "those contacts"
        }
    ));
}

/// The assistant's program for `therapy` on the copy's patient and leads; when no working
/// contacts remain, a step saying so.
fn assistant_plan(b: &mut Builder, therapy: Therapy) -> Option<assistant::Plan> {
    let plan = b
        .session
        .device()
        .and_then(|d| assistant::plan(&b.session.patient, d, therapy));
    if plan.is_none() {
        b.say("No working contacts remain: the leads need revision.".into());
    }
    plan
}

/// Spinal cord, tonic: the assistant's contacts and pulse width, titrated to the goal.
pub(super) fn tonic(b: &mut Builder, goal: &Goal) {
    impedance_check(b);
    b.stimulation_on();
    b.say(format!(
        "Ask where the patient feels the stimulation now; the answer: {}.",
        felt_where(&b.session)
    ));
    let Some(plan) = assistant_plan(b, Therapy::Tonic) else {
        return;
    };
    let Some(program) = b.session.device().map(|d| d.program().clone()) else {
        return;
    };
    let mut commands: Vec<Command> = Vec::new();
    if program.settings.waveform != Waveform::Tonic {
        commands.push(ProgrammerEdit::SetWaveform(Waveform::Tonic).into());
    }
    if program.electrodes.to_code() != plan.contacts || program.electrodes.case_fraction() > 0.0 {
        commands.push(
            ProgrammerEdit::SetContacts {
                code: plan.contacts.clone(),
                case_anode: false,
            }
            .into(),
        );
    }
    if program.settings.pulse_width_us != plan.settings.pulse_width_us {
        commands.push(ProgrammerEdit::SetPulseWidth(plan.settings.pulse_width_us).into());
    }
    let words = if commands.is_empty() {
        format!(
            "Keep the contacts ({}) and {:.0} µs.",
            contacts_words(&plan.contacts),
            plan.settings.pulse_width_us
        )
    } else {
        format!(
            "Program tonic at {:.0} µs with a guarded cathode where the tingling reaches the pain: {}.",
            plan.settings.pulse_width_us,
            contacts_words(&plan.contacts)
        )
    };
    b.step(words, commands, GAP_S);
    let pt = b.session.perception_threshold();
    let dt = b.session.discomfort_threshold();
    let from = pt.unwrap_or(0.0);
    let ma = titrate(&b.session, goal, from).unwrap_or(plan.settings.amplitude_ma);
    b.step(
        format!(
            "Raise the amplitude slowly, asking: the patient first feels it at about {} and finds it uncomfortable at about {}. Settle at {}.",
            pt.map_or("no level".into(), ma_words),
            dt.map_or("no level reached".into(), ma_words),
            ma_words(ma)
        ),
        vec![ProgrammerEdit::SetAmplitude(ma).into()],
        GAP_S,
    );
    b.say(format!(
        "Ask where it tingles now; the answer: {}.",
        felt_where(&b.session)
    ));
}

/// 10 kHz: the assistant's bipole and amplitude.
pub(super) fn high_frequency(b: &mut Builder, goal: &Goal) {
    impedance_check(b);
    let Some(plan) = assistant_plan(b, Therapy::HighFrequency) else {
        return;
    };
    b.step(
        format!(
            "Choose the high-frequency waveform (10 kHz, 30 µs) on a bipole over the T9–T10 disc: {}.",
            contacts_words(&plan.contacts)
        ),
        vec![
            ProgrammerEdit::SetWaveform(Waveform::HighFrequency).into(),
            ProgrammerEdit::SetContacts {
                code: plan.contacts.clone(),
                case_anode: false,
            }
            .into(),
        ],
        GAP_S,
    );
    if let Goal::ParesthesiaFree {
        min_relief_percent,
        max_above_needed_percent: Some(above),
    } = goal
    {
        least_khz_amplitude(b, *min_relief_percent, *above);
    } else {
        b.step(
            format!(
                "Set {} (1–5 mA) without asking for tingling: 10 kHz is not felt.",
                ma_words(plan.settings.amplitude_ma)
            ),
            vec![ProgrammerEdit::SetAmplitude(plan.settings.amplitude_ma).into()],
            GAP_S,
        );
    }
    b.stimulation_on();
}

/// The least 10 kHz amplitude that keeps `min_relief` % relief on this attempt's patient,
/// found as a clinic finds it (a setting judged days later by the relief the patient
/// reports), set on the programmer's highest step within the allowed margin (`above` %).
fn least_khz_amplitude(b: &mut Builder, min_relief: f64, above: f64) {
    let Some(least) = b
        .session
        .stimulator()
        .and_then(|st| st.least_amplitude_for(&b.session.patient, min_relief))
    else {
        b.say(format!(
            "No amplitude gives {min_relief:.0}% relief on this program: try another bipole."
        ));
        return;
    };
    // The highest step the goal allows: the most relief (and the quickest wash-in past
    // the goal) for charge the goal still calls lean; the step above the least if none is.
    let allowed = least * (1.0 + above / 100.0);
    let top = (allowed / AMPLITUDE_STEP_MA - 1e-9).floor() * AMPLITUDE_STEP_MA;
    let ma = if top >= least {
        top
    } else {
        (least / AMPLITUDE_STEP_MA).ceil() * AMPLITUDE_STEP_MA
    };
    b.step(
        format!(
            "Find the least amplitude that keeps {min_relief:.0}% relief (every mA more is charge she recharges for): set one, see her again in 3 days (Next visit) and ask how much better she is; lower it while she keeps {min_relief:.0}%, raise it when she does not. For this patient the least is {}: set {}.",
            ma_words(least),
            ma_words(ma)
        ),
        vec![ProgrammerEdit::SetAmplitude(ma).into()],
        GAP_S,
    );
}

/// The patient's window under the charge-density limit at the present pulse width.
pub(super) fn safe_window(b: &mut Builder) {
    let Some(program) = b.session.device().map(|d| d.program().clone()) else {
        return;
    };
    let amplitude = program.settings.amplitude_ma;
    let mut max = program.window.max_ma;
    let mut trial = b.session.clone();
    while max > amplitude {
        let w = PatientWindow {
            min_ma: program.window.min_ma.min(amplitude),
            max_ma: max,
        };
        let ok = trial
            .apply_as(Role::Clinician, ProgrammerEdit::SetPatientWindow(w))
            .is_ok()
            && !trial
                .view()
                .alerts
                .iter()
                .any(|a| a.code == WarningCode::WindowChargeDensity);
        if ok {
            break;
        }
        max = ((max - AMPLITUDE_STEP_MA) * 10.0).round() / 10.0;
    }
    let max = max.max(amplitude);
    let area_cm2 = crate::device::lead::contact_area_mm2() / 100.0;
    b.say(format!(
        "Work out the limit: charge density = amplitude × pulse width / contact area; at {:.0} µs on a {:.4} cm² contact, 30 µC/cm² is reached near {:.1} mA.",
        program.settings.pulse_width_us,
        area_cm2,
        30.0 * area_cm2 / (program.settings.pulse_width_us * 1e-3)
    ));
    b.step(
        format!(
            "Set the patient's range to {}–{} mA: it still reaches the working {} and stays under the limit.",
            num(program.window.min_ma.min(amplitude)),
            num(max),
            ma_words(amplitude)
        ),
        vec![
            ProgrammerEdit::SetPatientWindow(PatientWindow {
                min_ma: program.window.min_ma.min(amplitude),
                max_ma: max,
            })
            .into(),
        ],
        GAP_S,
    );
}

/// Burst (De Ridder): the assistant's contacts, burst's own perception threshold found,
/// then the amplitude below it that meets the goal.
pub(super) fn burst(b: &mut Builder, goal: &Goal) {
    impedance_check(b);
    b.stimulation_on();
    let Some(plan) = assistant_plan(b, Therapy::Burst) else {
        return;
    };
    b.step(
        format!(
            "Choose burst (5 pulses of 1 ms at 500 Hz, 40 bursts a second) with {}.",
            contacts_words(&plan.contacts)
        ),
        vec![
            ProgrammerEdit::SetWaveform(Waveform::Burst).into(),
            ProgrammerEdit::SetBurst {
                pulses: 5,
                rate_hz: 500.0,
            }
            .into(),
            ProgrammerEdit::SetContacts {
                code: plan.contacts.clone(),
                case_anode: false,
            }
            .into(),
        ],
        GAP_S,
    );
    let pt = b.session.perception_threshold();
    let from = pt.map_or(0.5, |v| crate::implant::goal::BURST_BAND.0 * v);
    let ma = titrate(&b.session, goal, from).unwrap_or(plan.settings.amplitude_ma);
    b.step(
        format!(
            "Raise the amplitude slowly, asking: burst is first felt at about {}. Settle at 60–80 % of that, where nothing is felt: {}.",
            pt.map_or("no level".into(), ma_words),
            ma_words(ma)
        ),
        vec![ProgrammerEdit::SetAmplitude(ma).into()],
        GAP_S,
    );
}

/// Rate of a tonic program an expert settles on, Hz: enough for comfortable tingling,
/// without spending the battery on pulses that add nothing.
const TONIC_RATE_HZ: f64 = 50.0;

/// An emptied battery: the patient charges it from the remote, and a program that spends
/// it fast comes back to a tonic rate (the tonic plan then sets contacts, pulse width and
/// amplitude).
pub(super) fn recharge(b: &mut Builder) {
    let Some(d) = b.session.device() else {
        return;
    };
    let (percent, rate) = (d.battery.percent(), d.program().settings.rate_hz);
    b.step(
        format!(
            "The remote shows the battery at {percent:.0} %: ask the patient to put the charger on now."
        ),
        vec![RemoteKey::Recharge.into()],
        GAP_S,
    );
    if rate > TONIC_RATE_HZ {
        b.step(
            format!(
                "Its program pulses at {rate:.0} Hz and empties a full charge in days: bring the rate down to {TONIC_RATE_HZ:.0} Hz."
            ),
            vec![ProgrammerEdit::SetRate(TONIC_RATE_HZ).into()],
            GAP_S,
        );
    }
}
