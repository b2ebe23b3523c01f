//! The expert's way to mark thresholds: a ramp to the perception threshold, on to the
//! discomfort (spinal) or motor (nerve) threshold, then a comfortable setting.

use super::builder::{Builder, GAP_S, RAMP_S};
use super::titrate::step_up;
use super::words::ma_words;
use crate::device::program::AMPLITUDE_STEP_MA;
use crate::session::command::Threshold;
use crate::session::{Command, ProgrammerEdit};
use crate::training::exercise::Goal;

/// Perception threshold, then discomfort (spinal) or motor (nerve) threshold, by a ramp of
/// 0.1 mA every 2 s; then a comfortable setting.
pub(super) fn thresholds(b: &mut Builder, goal: &Goal) {
    b.stimulation_on();
    let nerve = matches!(goal, Goal::NerveThresholds { .. });
    let pt = b.session.perception_threshold();
    let upper = if nerve {
        b.session.motor_threshold()
    } else {
        b.session.discomfort_threshold()
    };
    let (Some(pt), Some(upper)) = (pt, upper) else {
        b.say("This contact setting is never felt: choose other contacts first.".into());
        return;
    };
    let start = (0.5 * pt * 10.0).floor() / 10.0;
    let pt_at = step_up(pt);
    let up_at = step_up(upper);
    b.step(
        format!(
            "Start low ({}) and raise the amplitude 0.1 mA every 2 s (the ramp), asking what the patient feels.",
            ma_words(start)
        ),
        ramp(start, pt_at),
        RAMP_S,
    );
    b.step(
        format!(
            "At the first tingling ({}) mark the perception threshold.",
            ma_words(pt_at)
        ),
        vec![ProgrammerEdit::MarkThreshold(Threshold::Perception).into()],
        GAP_S,
    );
    let (what, which) = if nerve {
        ("the first muscle contraction", Threshold::Motor)
    } else {
        ("the first complaint", Threshold::Discomfort)
    };
    b.step(
        format!(
            "Keep raising 0.1 mA at a time to {what} ({}) and mark it.",
            ma_words(up_at)
        ),
        {
            let mut c = ramp(pt_at + AMPLITUDE_STEP_MA, up_at);
            c.push(ProgrammerEdit::MarkThreshold(which).into());
            c
        },
        RAMP_S,
    );
    settle(b, nerve, pt, upper);
}

/// Leaves the patient comfortable once both thresholds are marked: a little above PT for a
/// spinal cord, a little above the motor threshold (`upper`) on a mixed nerve where a
/// contraction is wanted.
fn settle(b: &mut Builder, nerve: bool, pt: f64, upper: f64) {
    let ma = if nerve {
        let cramp = b.session.discomfort_threshold().unwrap_or(f64::INFINITY);
        ((upper * 1.12).min(cramp - 0.2) * 10.0).round() / 10.0
    } else {
        ((pt * 1.2).min(upper - 0.2) * 10.0).round() / 10.0
    };
    b.step(
        format!(
            "Settle at a comfortable {} ({}).",
            ma_words(ma),
            if nerve {
                "a little above the motor threshold: a gentle contraction is wanted here"
            } else {
                "about 20 % above the perception threshold"
            }
        ),
        vec![ProgrammerEdit::SetAmplitude(ma).into()],
        GAP_S,
    );
}

/// Amplitude commands from `from` to `to` mA, one device step apart.
fn ramp(from: f64, to: f64) -> Vec<Command> {
    let n = ((to - from) / AMPLITUDE_STEP_MA).round() as i64;
    (0..=n)
        .map(|k| {
            let v = ((from + k as f64 * AMPLITUDE_STEP_MA) * 10.0).round() / 10.0;
            ProgrammerEdit::SetAmplitude(v).into()
        })
        .collect()
}
