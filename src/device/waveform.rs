//! Biphasic, charge-balanced pulse trains synthesised from a program's settings.

use super::program::{Settings, Waveform};

/// One stretch of current within a charge-balanced unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Segment {
    /// Constant current `ma` from `start_s` to `end_s`.
    Flat {
        /// Start, s.
        start_s: f64,
        /// End, s.
        end_s: f64,
        /// Current, mA (cathodic negative).
        ma: f64,
    },
    /// Exponentially decaying passive recharge, scaled so the unit's charge is exactly zero.
    Decay {
        /// Start, s.
        start_s: f64,
        /// End, s.
        end_s: f64,
        /// Current at the start, mA.
        ma: f64,
        /// Time constant, s.
        tau_s: f64,
    },
}

impl Segment {
    /// Charge the segment carries, mA·s (= mC; negative is cathodic).
    pub fn charge_mas(&self) -> f64 {
        match *self {
            Segment::Flat { start_s, end_s, ma } => ma * (end_s - start_s),
            Segment::Decay {
                start_s,
                end_s,
                ma,
                tau_s,
            } => ma * tau_s * (1.0 - (-(end_s - start_s) / tau_s).exp()),
        }
    }
}

/// The smallest stretch of a pulse train whose net charge is zero: one biphasic pulse
/// (tonic, high frequency), or one burst with its passive recharge.
#[derive(Clone, Debug, PartialEq)]
pub struct ChargeUnit {
    /// When the unit starts, s.
    pub start_s: f64,
    /// When its recharge is complete, s.
    pub end_s: f64,
    /// Its phases.
    pub segments: Vec<Segment>,
}

impl ChargeUnit {
    /// Net charge of the unit, mA·s: zero for a charge-balanced train.
    pub fn net_charge_mas(&self) -> f64 {
        self.segments.iter().map(Segment::charge_mas).sum()
    }

    /// Cathodic charge of the unit, mA·s (negative).
    pub fn cathodic_charge_mas(&self) -> f64 {
        self.segments
            .iter()
            .map(Segment::charge_mas)
            .filter(|q| *q < 0.0)
            .sum()
    }
}

/// Amplitude scale at time `t_s` from cycling and soft start (0 while cycled off).
pub fn envelope(settings: &Settings, t_s: f64) -> f64 {
    let since_on = match settings.cycling {
        Some(c) => {
            let phase = t_s.rem_euclid(c.on_s + c.off_s);
            if phase >= c.on_s {
                return 0.0;
            }
            phase
        }
        None => t_s,
    };
    if settings.soft_start_s > 0.0 {
        (since_on / settings.soft_start_s).clamp(0.0, 1.0)
    } else {
        1.0
    }
}

/// Calls `f` with every charge unit that starts in `[from_s, to_s)`, stimulation having
/// started at t = 0. The unit is lent, not given: its storage is reused for the next one.
pub fn for_each_unit(settings: &Settings, from_s: f64, to_s: f64, mut f: impl FnMut(&ChargeUnit)) {
    let period = settings.period_s();
    let pw = settings.pulse_width_us * 1e-6;
    let gap = settings.waveform.interphase_us() * 1e-6;
    let first = (from_s.max(0.0) / period).ceil() as u64;
    let mut n = first;
    let mut unit = ChargeUnit {
        start_s: 0.0,
        end_s: 0.0,
        segments: Vec::with_capacity(16),
    };
    loop {
        let start = n as f64 * period;
        if start >= to_s {
            break;
        }
        n += 1;
        let ma = settings.amplitude_ma * envelope(settings, start);
        if ma <= 0.0 {
            continue;
        }
        unit.segments.clear();
        match settings.waveform {
            Waveform::Tonic | Waveform::HighFrequency => {
                unit.segments.push(Segment::Flat {
                    start_s: start,
                    end_s: start + pw,
                    ma: -ma,
                });
                unit.segments.push(Segment::Flat {
                    start_s: start + pw + gap,
                    end_s: start + 2.0 * pw + gap,
                    ma,
                });
            }
            Waveform::Burst => burst_segments(settings, start, pw, ma, &mut unit.segments),
        }
        unit.start_s = start;
        unit.end_s = match unit.segments.last() {
            Some(Segment::Flat { end_s, .. } | Segment::Decay { end_s, .. }) => *end_s,
            None => start,
        };
        f(&unit);
    }
}

fn burst_segments(settings: &Settings, start: f64, pw: f64, ma: f64, segments: &mut Vec<Segment>) {
    let intra = 1.0 / settings.burst_rate_hz;
    for k in 0..settings.burst_pulses {
        let s = start + f64::from(k) * intra;
        segments.push(Segment::Flat {
            start_s: s,
            end_s: s + pw,
            ma: -ma,
        });
    }
    let charge = ma * pw * f64::from(settings.burst_pulses);
    let recharge_start = start + f64::from(settings.burst_pulses - 1) * intra + pw;
    // The recharge fills most of the gap and leaves a short quiet stretch before the next burst.
    let span = 0.9 * (start + settings.period_s() - recharge_start);
    let recharge_end = recharge_start + span;
    let tau = span / 2.5;
    // Peak current chosen so the truncated exponential returns exactly the burst's charge.
    let peak = charge / (tau * (1.0 - (-span / tau).exp()));
    segments.push(Segment::Decay {
        start_s: recharge_start,
        end_s: recharge_end,
        ma: peak,
        tau_s: tau,
    });
}

/// Current in mA sampled at `sample_rate_hz` over `[start_s, start_s + duration_s)`;
/// each sample is the mean current over its interval, so summed samples give the exact
/// charge.
pub fn synthesize(
    settings: &Settings,
    start_s: f64,
    duration_s: f64,
    sample_rate_hz: f64,
) -> Vec<f64> {
    let n = (duration_s * sample_rate_hz).round().max(0.0) as usize;
    let mut out = vec![0.0; n];
    if n == 0 || sample_rate_hz.is_nan() || sample_rate_hz <= 0.0 {
        return out;
    }
    let end_s = start_s + duration_s;
    // A unit that started before the window may still be recharging inside it.
    let lookback = settings.period_s();
    for_each_unit(settings, start_s - lookback, end_s, |unit| {
        if unit.end_s <= start_s {
            return;
        }
        for segment in &unit.segments {
            add_segment(&mut out, start_s, sample_rate_hz, segment);
        }
    });
    out
}

/// Adds one segment to `out`, box-averaged over each sample interval.
fn add_segment(out: &mut [f64], window_start_s: f64, fs: f64, segment: &Segment) {
    let (a, b) = match *segment {
        Segment::Flat { start_s, end_s, .. } | Segment::Decay { start_s, end_s, .. } => (
            (start_s - window_start_s) * fs,
            (end_s - window_start_s) * fs,
        ),
    };
    let len = out.len() as f64;
    if b <= 0.0 || a >= len {
        return;
    }
    let first = a.max(0.0).floor() as usize;
    let last = (b.min(len).ceil() as usize).min(out.len());
    match *segment {
        Segment::Flat { ma, .. } => {
            for (i, slot) in out.iter_mut().enumerate().take(last).skip(first) {
                let lo = a.max(i as f64);
                let hi = b.min(i as f64 + 1.0);
                *slot += ma * (hi - lo);
            }
        }
        Segment::Decay { ma, tau_s, .. } => {
            // Exact integral of the exponential over each sample; e^(−x/τ) is stepped by
            // multiplication instead of a call to exp per sample.
            let tau = tau_s * fs;
            let per_sample = (-1.0 / tau).exp();
            let mut lo = a.max(first as f64);
            let mut e_lo = (-(lo - a) / tau).exp();
            for (i, slot) in out.iter_mut().enumerate().take(last).skip(first) {
                if e_lo < 1e-15 {
                    break;
                }
                let hi = b.min(i as f64 + 1.0);
                let e_hi = if hi - lo == 1.0 {
                    e_lo * per_sample
                } else {
                    (-(hi - a) / tau).exp()
                };
                *slot += ma * tau * (e_lo - e_hi);
                lo = hi;
                e_lo = e_hi;
            }
        }
    }
}
