//! The clinician programmer's settings: current split, waveform, amplitude, pulse width,
//! rate, cycling, the patient's window and the safety figures, within the device's limits.

use super::request::{Request, Shared};
use crate::device::lead::Polarity;
use crate::device::program::{
    AMPLITUDE_STEP_MA, CYCLING_LIMITS_S, Cycling, MAX_AMPLITUDE_MA, PULSE_WIDTH_STEP_US,
    PatientWindow, Program, Waveform,
};
use crate::device::safety::{CHARGE_DENSITY_LIMIT, COMPLIANCE_V};
use crate::session::{Command, ProgrammerEdit};
use egui::Ui;

/// An edited share: which polarity, which contact (`None` for the case) and the new percent.
type Edit = (Polarity, Option<(usize, usize)>, f64);

/// The current split: each active contact's share in percent. Editing one share moves the
/// others of the same polarity so that each polarity still totals 100 %.
pub fn split_ui(ui: &mut Ui, e: &crate::device::lead::Electrodes) -> Option<Command> {
    let active = e.active();
    let mut percent: Vec<Vec<f64>> = e.leads.iter().map(|l| vec![0.0; l.len()]).collect();
    for c in &active {
        percent[c.lead][c.contact] = c.fraction * 100.0;
    }
    let mut case = e.case_fraction() * 100.0;
    let mut changed: Option<Edit> = None;
    ui.horizontal_wrapped(|ui| {
        ui.label("Current split (%)");
        // Each share is 1–100 %; the case (when it is an anode) is listed last.
        let shares = active
            .iter()
            .map(|c| {
                (
                    c.polarity,
                    Some((c.lead, c.contact)),
                    percent[c.lead][c.contact],
                )
            })
            .chain(e.case_anode.then_some((Polarity::Anode, None, case)));
        for (polarity, contact, mut v) in shares {
            let sym = if polarity == Polarity::Cathode {
                "−"
            } else {
                "+"
            };
            let label = contact.map_or(format!("case {sym}"), |(lead, k)| {
                format!("L{} c{k} {sym}", lead + 1)
            });
            let name = ui.label(label).id;
            if field(
                ui,
                name,
                true,
                egui::DragValue::new(&mut v)
                    .range(1.0..=100.0)
                    .speed(1.0)
                    .max_decimals(0),
            ) {
                changed = Some((polarity, contact, v));
            }
        }
    });
    let (polarity, edited, value) = changed?;
    // Scale the other contacts of this polarity to fill the rest.
    let others: f64 = active
        .iter()
        .filter(|c| c.polarity == polarity && Some((c.lead, c.contact)) != edited)
        .map(|c| c.fraction * 100.0)
        .sum::<f64>()
        + if polarity == Polarity::Anode && edited.is_some() && e.case_anode {
            case
        } else {
            0.0
        };
    if others <= 0.0 {
        return None;
    }
    let scale = (100.0 - value) / others;
    for c in active.iter().filter(|c| c.polarity == polarity) {
        let slot = &mut percent[c.lead][c.contact];
        *slot = if Some((c.lead, c.contact)) == edited {
            value
        } else {
            *slot * scale
        };
    }
    if polarity == Polarity::Anode && e.case_anode {
        case = if edited.is_none() {
            value
        } else {
            case * scale
        };
    }
    Some(Command::Programmer(ProgrammerEdit::SetFractions {
        percent,
        case_percent: e.case_anode.then_some(case),
    }))
}

/// One labelled number field; true when the user changed it.
pub fn field(ui: &mut Ui, label: egui::Id, enabled: bool, value: egui::DragValue<'_>) -> bool {
    ui.add_enabled(enabled, value).labelled_by(label).changed()
}

/// Waveform, amplitude, pulse width, rate, cycling and the patient's window, then the
/// safety figures of the running program.
pub fn settings_ui(ui: &mut Ui, shared: &Shared<'_>, out: &mut Vec<Request>) {
    let program = shared.session.device().program();
    let s = program.settings;
    let mut send = |c: Command| out.push(Request::Clinician(c));
    ui.horizontal(|ui| {
        ui.label("Waveform");
        for w in Waveform::ALL {
            if ui.selectable_label(s.waveform == w, w.name()).clicked() && s.waveform != w {
                send(Command::Programmer(ProgrammerEdit::SetWaveform(w)));
            }
        }
    });
    egui::Grid::new("settings").num_columns(2).show(ui, |ui| {
        amplitude_row(ui, program, &mut send);
        pulse_rows(ui, program, &mut send);
        cycling_row(ui, program, &mut send);
        window_row(ui, program, &mut send);
    });
    safety_ui(ui, shared);
}

/// Amplitude with step buttons, 0 to the device's maximum.
fn amplitude_row(ui: &mut Ui, program: &Program, send: &mut impl FnMut(Command)) {
    let mut ma = program.settings.amplitude_ma;
    let label = ui.label("Amplitude (mA)").id;
    ui.horizontal(|ui| {
        if ui.button("Amplitude −").clicked() {
            send(Command::Programmer(ProgrammerEdit::SetAmplitude(
                (ma - AMPLITUDE_STEP_MA).max(0.0),
            )));
        }
        if field(
            ui,
            label,
            true,
            egui::DragValue::new(&mut ma)
                .speed(AMPLITUDE_STEP_MA)
                .range(0.0..=MAX_AMPLITUDE_MA)
                .fixed_decimals(1),
        ) {
            send(Command::Programmer(ProgrammerEdit::SetAmplitude(ma)));
        }
        if ui.button("Amplitude +").clicked() {
            send(Command::Programmer(ProgrammerEdit::SetAmplitude(
                (ma + AMPLITUDE_STEP_MA).min(MAX_AMPLITUDE_MA),
            )));
        }
    });
    ui.end_row();
}

/// Pulse width and rate, within the waveform's ranges.
fn pulse_rows(ui: &mut Ui, program: &Program, send: &mut impl FnMut(Command)) {
    let s = program.settings;
    let ((pw_lo, pw_hi), (r_lo, r_hi)) = s.waveform.limits();
    let mut pw = s.pulse_width_us;
    let label = ui.label("Pulse width (µs)").id;
    if field(
        ui,
        label,
        true,
        egui::DragValue::new(&mut pw)
            .speed(PULSE_WIDTH_STEP_US)
            .range(pw_lo..=pw_hi),
    ) {
        send(Command::Programmer(ProgrammerEdit::SetPulseWidth(pw)));
    }
    ui.end_row();
    let mut rate = s.rate_hz;
    let label = ui
        .label(if s.waveform == Waveform::Burst {
            "Burst rate (Hz)"
        } else {
            "Rate (Hz)"
        })
        .id;
    if field(
        ui,
        label,
        true,
        egui::DragValue::new(&mut rate)
            .speed(1.0)
            .range(r_lo..=r_hi),
    ) {
        send(Command::Programmer(ProgrammerEdit::SetRate(rate)));
    }
    ui.end_row();
}

/// Cycling on/off with its on and off times.
fn cycling_row(ui: &mut Ui, program: &Program, send: &mut impl FnMut(Command)) {
    let s = program.settings;
    let (lo, hi) = CYCLING_LIMITS_S;
    let mut cycling = s.cycling.is_some();
    let label = ui.label("Cycling").id;
    ui.horizontal(|ui| {
        let mut c = s.cycling.unwrap_or(Cycling {
            on_s: 30.0,
            off_s: 90.0,
        });
        let toggled = ui.checkbox(&mut cycling, "Cycling on/off").changed();
        let on = field(
            ui,
            label,
            cycling,
            egui::DragValue::new(&mut c.on_s)
                .range(lo..=hi)
                .suffix(" s on"),
        );
        let off = field(
            ui,
            label,
            cycling,
            egui::DragValue::new(&mut c.off_s)
                .range(lo..=hi)
                .suffix(" s off"),
        );
        if toggled || on || off {
            send(Command::Programmer(ProgrammerEdit::SetCycling(
                cycling.then_some(c),
            )));
        }
    });
    ui.end_row();
}

/// The amplitude window the patient's remote may move in.
fn window_row(ui: &mut Ui, program: &Program, send: &mut impl FnMut(Command)) {
    let mut w = program.window;
    let label = ui.label("Patient window (mA)").id;
    ui.horizontal(|ui| {
        let a = field(
            ui,
            label,
            true,
            egui::DragValue::new(&mut w.min_ma)
                .speed(AMPLITUDE_STEP_MA)
                .range(0.0..=MAX_AMPLITUDE_MA)
                .prefix("min "),
        );
        let b = field(
            ui,
            label,
            true,
            egui::DragValue::new(&mut w.max_ma)
                .speed(AMPLITUDE_STEP_MA)
                .range(0.0..=MAX_AMPLITUDE_MA)
                .prefix("max "),
        );
        if a || b {
            send(Command::Programmer(ProgrammerEdit::SetPatientWindow(
                PatientWindow {
                    min_ma: w.min_ma.min(w.max_ma),
                    max_ma: w.max_ma,
                },
            )));
        }
    });
    ui.end_row();
}

/// Charge, charge density, impedance and voltage against the device's limits; warnings.
fn safety_ui(ui: &mut Ui, shared: &Shared<'_>) {
    let safety = &shared.view.safety;
    ui.label(format!(
        "{:.2} µC/phase · {:.1} µC/cm² (limit {CHARGE_DENSITY_LIMIT:.0}) · {:.0} Ω · {:.1} V of {COMPLIANCE_V:.0} V",
        safety.charge.per_phase_uc,
        safety.charge.max_density_uc_per_cm2,
        safety.impedance_ohm,
        safety.voltage_v
    ));
    for w in &safety.warnings {
        ui.colored_label(shared.palette.pain, format!("Warning: {}", w.message));
    }
}
