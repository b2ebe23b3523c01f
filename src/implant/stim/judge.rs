//! Goals of stimulator exercises, judged on the final settings' steady view: relief and
//! coverage below discomfort and off faulty contacts, thresholds marked close to the
//! truth, a safe patient window, a placed nerve lead, paresthesia-free 10 kHz.

use super::Stimulator;
use crate::device::battery::Battery;
use crate::device::program::{MAX_AMPLITUDE_MA, Waveform};
use crate::device::safety::WarningCode;
use crate::implant::goal::{BURST_BAND, BURST_RANGE, Ending, Goal, NO_PUMP, Verdict, share};

/// Whether `goal` is met with stimulator `st` at the session's end, and what was measured.
pub fn judge(goal: &Goal, st: &Stimulator, end: &Ending) -> Verdict {
    let view = end.view;
    let uncomfortable = view
        .alerts
        .iter()
        .any(|w| w.code == WarningCode::Discomfort);
    // A program that runs through a broken contact is not a fix, whatever it relieves.
    let faulty = view.alerts.iter().any(|w| w.code == WarningCode::Impedance);
    match goal {
        Goal::Coverage { min_coverage } => with_buts(
            share(view.response.coverage, *min_coverage),
            format!(
                "coverage {:.0}% (needed {:.0}%)",
                100.0 * view.response.coverage,
                100.0 * min_coverage
            ),
            uncomfortable,
            faulty,
        ),
        Goal::Relief { min_percent } => with_buts(
            share(view.pain.relief_percent, *min_percent),
            format!(
                "relief {:.0}% at the end (needed {min_percent:.0}%)",
                view.pain.relief_percent
            ),
            uncomfortable,
            faulty,
        ),
        Goal::Thresholds { within_percent } => thresholds(*within_percent, st),
        Goal::SafeWindow => safe_window(st, end),
        Goal::Placement { min_coverage } => placement(*min_coverage, st, end, uncomfortable),
        Goal::NerveThresholds { within_percent } => nerve_thresholds(*within_percent, st),
        Goal::ParesthesiaFree {
            min_relief_percent,
            max_above_needed_percent,
        } => paresthesia_free(*min_relief_percent, *max_above_needed_percent, st, end),
        Goal::Burst { min_relief_percent } => burst(*min_relief_percent, st, end, uncomfortable),
        Goal::BatteryLife {
            min_days,
            min_relief_percent,
        } => battery_life(
            *min_days,
            *min_relief_percent,
            st,
            end,
            (uncomfortable, faulty),
        ),
        Goal::MriDay { max_off_minutes } => super::mri::judge(st.mri_day(), end, *max_off_minutes),
        Goal::ClosedLoop {
            target_percent,
            min_in_window,
        } => super::loop_check::judge(st, end.patient, *target_percent, *min_in_window),
        Goal::Pump(_) => Verdict::impossible(NO_PUMP),
    }
}

/// Whether a marked threshold lies within `within_percent` of the true one (false when
/// either is missing).
fn close(marked: Option<f64>, truth: Option<f64>, within_percent: f64) -> bool {
    match (marked, truth) {
        (Some(m), Some(t)) => (m - t).abs() / t * 100.0 <= within_percent,
        _ => false,
    }
}

/// A threshold in words: "4.2 mA", or "not marked".
fn marked_words(v: Option<f64>) -> String {
    v.map_or("not marked".to_string(), |x| format!("{x:.1} mA"))
}

/// Perception and discomfort thresholds marked within `within_percent` of the truth.
fn thresholds(within_percent: f64, st: &Stimulator) -> Verdict {
    let notes = &st.device().program().notes;
    let (pt, dt) = (notes.measured_pt_ma, notes.measured_dt_ma);
    let (true_pt, true_dt) = (st.perception_threshold(), st.discomfort_threshold());
    let marked = [
        close(pt, true_pt, within_percent),
        close(dt, true_dt, within_percent),
    ];
    Verdict::of_checks(
        &marked,
        format!(
            "marked PT {} (true {}), DT {} (true {}), tolerance {within_percent}%",
            marked_words(pt),
            marked_words(true_pt),
            marked_words(dt),
            marked_words(true_dt)
        ),
    )
}

/// How close to the charge-density limit a safe patient's range must reach, mA: the
/// patient keeps as much room as is safe.
pub const WINDOW_HEADROOM_MA: f64 = 0.3;

/// The patient's range reaches the programmed amplitude, keeps the remote under the
/// charge-density limit, and reaches within [`WINDOW_HEADROOM_MA`] of it (or the device's
/// top).
fn safe_window(st: &Stimulator, end: &Ending) -> Verdict {
    let program = st.device().program();
    let reach = program.window.max_ma >= program.settings.amplitude_ma
        && program.settings.amplitude_ma > 0.0;
    let safe = !end.view.alerts.iter().any(|w| {
        w.code == WarningCode::WindowChargeDensity || w.code == WarningCode::ChargeDensity
    });
    let higher = program.window.max_ma + WINDOW_HEADROOM_MA;
    let mut roomier = st.device().clone();
    roomier.program_mut().window.max_ma = higher;
    let room = higher > MAX_AMPLITUDE_MA
        || roomier
            .safety()
            .warnings
            .iter()
            .any(|w| w.code == WarningCode::WindowChargeDensity);
    Verdict::of_checks(
        &[reach, safe, safe && room],
        format!(
            "patient's range {:.1}–{:.1} mA, amplitude {:.1} mA; the remote {}",
            program.window.min_ma,
            program.window.max_ma,
            program.settings.amplitude_ma,
            if !safe {
                "can go above the charge-density limit"
            } else if room {
                "stays under the charge-density limit and reaches close to it"
            } else {
                "stays under the charge-density limit, but the range stops needlessly low (0.3 mA more would still be safe)"
            }
        ),
    )
}

/// 10 kHz with no tingling and at least `min_relief_percent` relief.
fn paresthesia_free(
    min_relief_percent: f64,
    max_above_needed_percent: Option<f64>,
    st: &Stimulator,
    end: &Ending,
) -> Verdict {
    let (program, view) = (st.device().program(), end.view);
    let silent = view
        .response
        .perception
        .paresthesia
        .iter()
        .all(|p| *p < 0.05);
    let hf = program.settings.waveform == Waveform::HighFrequency;
    let relief = share(view.pain.relief_percent, min_relief_percent);
    let mut detail = format!(
        "waveform {}, tingling {}, relief {:.0}% at the end (needed {min_relief_percent:.0}%)",
        program.settings.waveform,
        if silent { "none" } else { "felt" },
        view.pain.relief_percent
    );
    let mut parts = vec![f64::from(u8::from(hf)), f64::from(u8::from(silent)), relief];
    if let Some(above) = max_above_needed_percent {
        // Another waveform's amplitude is not 10 kHz charge: nothing to say of it.
        if hf {
            let (lean, words) = lean_amplitude(st, end, min_relief_percent, above);
            parts.push(lean);
            detail = format!("{detail}; {words}");
        } else {
            parts.push(0.0);
        }
    }
    let mean = parts.iter().sum::<f64>() / parts.len() as f64;
    Verdict::new(parts.iter().all(|p| *p >= 1.0), mean, detail)
}

/// Whether the final amplitude is at most `above` % over the least that gives
/// `min_relief_percent` on the final program (1, or the share of the allowed amplitude it
/// reaches when over), and the words that say so.
fn lean_amplitude(
    st: &Stimulator,
    end: &Ending,
    min_relief_percent: f64,
    above: f64,
) -> (f64, String) {
    let ma = st.device().program().settings.amplitude_ma;
    match st.least_amplitude_for(end.patient, min_relief_percent) {
        Some(least) => {
            let allowed = least * (1.0 + above / 100.0);
            (
                if ma <= allowed { 1.0 } else { allowed / ma },
                format!(
                    "{ma:.1} mA where {least:.2} mA is the least that gives {min_relief_percent:.0}% on this program (at most {above:.0}% above it: {allowed:.2} mA)"
                ),
            )
        }
        None => (
            0.0,
            format!("no amplitude gives {min_relief_percent:.0}% on this program"),
        ),
    }
}

/// Therapy delivering again, a full charge lasting `min_days` at the final settings, and
/// `min_relief_percent` relief, below discomfort and off faulty contacts (`buts`).
fn battery_life(
    min_days: f64,
    min_relief_percent: f64,
    st: &Stimulator,
    end: &Ending,
    (uncomfortable, faulty): (bool, bool),
) -> Verdict {
    let device = st.device();
    let on = device.delivering();
    let days = Battery::default().days_left(device.power_w());
    let lasting = on && days >= min_days;
    let relief = with_buts(
        share(end.view.pain.relief_percent, min_relief_percent),
        format!(
            "relief {:.0}% at the end (needed {min_relief_percent:.0}%)",
            end.view.pain.relief_percent
        ),
        uncomfortable,
        faulty,
    );
    let detail = if on {
        format!(
            "therapy on, a full charge lasts {days:.1} days (needed {min_days:.0}); {}",
            relief.detail
        )
    } else {
        format!("therapy is not delivering; {}", relief.detail)
    };
    Verdict::new(
        lasting && relief.met,
        (f64::from(u8::from(on)) + f64::from(u8::from(lasting)) + relief.progress) / 3.0,
        detail,
    )
}

/// Burst therapy within [`BURST_RANGE`], at [`BURST_BAND`] of burst's own perception
/// threshold (below it: not felt), with at least `min_relief_percent` relief, below
/// discomfort and off faulty contacts.
fn burst(min_relief_percent: f64, st: &Stimulator, end: &Ending, uncomfortable: bool) -> Verdict {
    let (settings, view) = (st.device().program().settings, end.view);
    let within = |v: f64, (lo, hi): (f64, f64)| (lo..=hi).contains(&v);
    let [pulses, intra, width, rate] = BURST_RANGE;
    let is_burst = settings.waveform == Waveform::Burst;
    let shaped = is_burst
        && within(f64::from(settings.burst_pulses), pulses)
        && within(settings.burst_rate_hz, intra)
        && within(settings.pulse_width_us, width)
        && within(settings.rate_hz, rate);
    let pt = st.perception_threshold().filter(|_| is_burst);
    let share_of_pt = pt.map(|pt| settings.amplitude_ma / pt);
    let in_band = share_of_pt.is_some_and(|r| within(r, BURST_BAND));
    let faulty = view.alerts.iter().any(|w| w.code == WarningCode::Impedance);
    let relief = share(view.pain.relief_percent, min_relief_percent);
    let checks = [shaped, in_band, !uncomfortable && !faulty];
    let done = checks.iter().filter(|c| **c).count() as f64;
    Verdict::new(
        checks.iter().all(|c| *c) && relief >= 1.0,
        (done + relief) / 4.0,
        format!(
            "waveform {}{}, amplitude {:.1} mA{}, relief {:.0}% at the end (needed {min_relief_percent:.0}%){}",
            settings.waveform,
            if is_burst && !shaped {
                " outside 4–6 pulses of 0.8–1 ms at 400–600 Hz, 30–50 bursts a second"
            } else {
                ""
            },
            settings.amplitude_ma,
            match (pt, share_of_pt) {
                (Some(pt), Some(r)) => format!(
                    " = {:.0}% of where burst is first felt ({pt:.1} mA; wanted {:.0}–{:.0}%)",
                    100.0 * r,
                    100.0 * BURST_BAND.0,
                    100.0 * BURST_BAND.1
                ),
                _ => String::new(),
            },
            view.pain.relief_percent,
            if faulty {
                ", but the program uses a faulty contact"
            } else if uncomfortable {
                ", but above the discomfort threshold"
            } else {
                ""
            }
        ),
    )
}

/// A measure (`progress` of its target) that passes only below discomfort and without a
/// faulty contact in use, each of which halves the progress; the detail says why not.
fn with_buts(progress: f64, mut detail: String, uncomfortable: bool, faulty: bool) -> Verdict {
    let buts: Vec<&str> = [
        (uncomfortable, "above the discomfort threshold"),
        (faulty, "the program uses a faulty contact"),
    ]
    .into_iter()
    .filter_map(|(bad, why)| bad.then_some(why))
    .collect();
    if !buts.is_empty() {
        detail.push_str(", but ");
        detail.push_str(&buts.join(" and "));
    }
    let halved = 0.5_f64.powi(buts.len() as i32);
    Verdict::new(
        progress >= 1.0 && buts.is_empty(),
        progress * halved,
        detail,
    )
}

/// A percutaneous lead placed and deployed: coverage without discomfort or a twitch.
fn placement(min_coverage: f64, st: &Stimulator, end: &Ending, uncomfortable: bool) -> Verdict {
    let view = end.view;
    let deployed = st.device().nerve_leads.iter().all(|l| l.deployed);
    let twitch = view.response.perception.twitch;
    let clear = clear_coverage(&view.response.perception.paresthesia, &end.patient.pain);
    let mut progress = share(clear, min_coverage);
    let mut detail = format!(
        "clear tingling over {:.0}% of the pain (needed {:.0}%)",
        100.0 * clear,
        100.0 * min_coverage
    );
    for (bad, why) in [
        (!deployed, ", but a lead is not deployed"),
        (twitch, ", but a muscle twitches"),
        (uncomfortable, ", but above the discomfort threshold"),
    ] {
        if bad {
            detail.push_str(why);
            progress *= 0.5;
        }
    }
    let ok = clear >= min_coverage && !uncomfortable && !twitch && deployed;
    Verdict::new(ok, progress, detail)
}

/// Tingling felt at this strength (0..1) or more counts fully when a lead is placed.
pub const CLEAR_TINGLING: f64 = 0.5;

/// Share of the pain map under clearly felt tingling, weighted by each region's pain: a
/// region counts in proportion to its tingling up to [`CLEAR_TINGLING`]. A faint edge of
/// another lead's field does not make a placement.
pub fn clear_coverage(paresthesia: &[f64], pain: &[f64]) -> f64 {
    let total: f64 = pain.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    pain.iter()
        .zip(paresthesia)
        .map(|(v, p)| v * (p / CLEAR_TINGLING).clamp(0.0, 1.0))
        .sum::<f64>()
        / total
}

/// Perception and motor thresholds marked within `within_percent` of the truth.
fn nerve_thresholds(within_percent: f64, st: &Stimulator) -> Verdict {
    let notes = &st.device().program().notes;
    let (pt, mt) = (notes.measured_pt_ma, notes.measured_mt_ma);
    let (true_pt, true_mt) = (st.perception_threshold(), st.motor_threshold());
    let marked = [
        close(pt, true_pt, within_percent),
        close(mt, true_mt, within_percent),
    ];
    let window = true_pt
        .zip(true_mt)
        .map_or("–".to_string(), |(p, m)| format!("{:.1}", m / p));
    Verdict::of_checks(
        &marked,
        format!(
            "marked PT {} (true {}), motor threshold {} (true {}), tolerance {within_percent}%; the window MT/PT is {window}",
            marked_words(pt),
            marked_words(true_pt),
            marked_words(mt),
            marked_words(true_mt)
        ),
    )
}
