//! The clinician programmer's settings: current split, waveform, amplitude, pulse width,
//! rate and soft start as steppers, cycling, the patient's window, and the warnings box.

use crate::device::lead::Polarity;
use crate::device::program::{
    AMPLITUDE_STEP_MA, CYCLING_LIMITS_S, Cycling, MAX_AMPLITUDE_MA, MAX_SOFT_START_S,
    PULSE_WIDTH_STEP_US, PatientWindow, Program, Waveform,
};
use crate::device::safety::{CHARGE_DENSITY_LIMIT, COMPLIANCE_V, Warning, WarningCode};
use crate::session::{Command, ProgrammerEdit};
use crate::ui::draw::stepper::{StepperSpec, Steppers};
use crate::ui::request::{Request, Shared};
use egui::Ui;

/// The edit a stepper's new value makes.
type EditOf = fn(f64) -> ProgrammerEdit;

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

/// One labelled number field; true when the user changed it. A typed value applies on
/// Enter or focus loss only, never keystroke by keystroke.
pub fn field(ui: &mut Ui, label: egui::Id, enabled: bool, value: egui::DragValue<'_>) -> bool {
    ui.add_enabled(enabled, value.update_while_editing(false))
        .labelled_by(label)
        .changed()
}

/// A step for the rate stepper that suits the waveform's range (10 Hz for tonic, 100 Hz
/// for 10 kHz).
fn rate_step(hi: f64) -> f64 {
    (10f64.powf(hi.log10().floor()) / 100.0).max(1.0)
}

/// Waveform, then amplitude, pulse width and rate as steppers, soft start, cycling and
/// the patient's window.
pub fn settings_ui(
    ui: &mut Ui,
    shared: &Shared<'_>,
    steppers: &mut Steppers,
    out: &mut Vec<Request>,
) {
    let Some(program) = shared.session.device().map(|d| d.program()) else {
        return;
    };
    let s = program.settings;
    let mut send = |c: ProgrammerEdit| out.push(Request::Clinician(Command::Programmer(c)));
    ui.horizontal(|ui| {
        ui.label("Waveform");
        for w in Waveform::ALL {
            if ui.selectable_label(s.waveform == w, w.name()).clicked() && s.waveform != w {
                send(ProgrammerEdit::SetWaveform(w));
            }
        }
    });
    let ((pw_lo, pw_hi), (r_lo, r_hi)) = s.waveform.limits();
    let rate_label = if s.waveform == Waveform::Burst {
        "Burst rate (Hz)"
    } else {
        "Rate (Hz)"
    };
    egui::Grid::new("settings").num_columns(2).show(ui, |ui| {
        let rows: [(StepperSpec<'_>, EditOf); 4] = [
            (
                StepperSpec {
                    label: "Amplitude (mA)",
                    value: s.amplitude_ma,
                    step: AMPLITUDE_STEP_MA,
                    range: (0.0, MAX_AMPLITUDE_MA),
                    decimals: 1,
                    enabled: true,
                },
                ProgrammerEdit::SetAmplitude,
            ),
            (
                StepperSpec {
                    label: "Pulse width (µs)",
                    value: s.pulse_width_us,
                    step: PULSE_WIDTH_STEP_US,
                    range: (pw_lo, pw_hi),
                    decimals: 0,
                    enabled: true,
                },
                ProgrammerEdit::SetPulseWidth,
            ),
            (
                StepperSpec {
                    label: rate_label,
                    value: s.rate_hz,
                    step: rate_step(r_hi),
                    range: (r_lo, r_hi),
                    decimals: 0,
                    enabled: true,
                },
                ProgrammerEdit::SetRate,
            ),
            (
                StepperSpec {
                    label: "Soft start (s)",
                    value: s.soft_start_s,
                    step: 1.0,
                    range: (0.0, MAX_SOFT_START_S),
                    decimals: 0,
                    enabled: true,
                },
                ProgrammerEdit::SetSoftStart,
            ),
        ];
        for (spec, edit) in rows {
            if let Some(v) = steppers.show(ui, spec) {
                send(edit(v));
            }
            ui.end_row();
        }
        window_rows(ui, program, steppers, &mut send);
    });
    cycling_row(ui, program, &mut send);
}

/// Cycling on/off with its on and off times.
fn cycling_row(ui: &mut Ui, program: &Program, send: &mut impl FnMut(ProgrammerEdit)) {
    let s = program.settings;
    let (lo, hi) = CYCLING_LIMITS_S;
    let mut cycling = s.cycling.is_some();
    ui.horizontal(|ui| {
        let mut c = s.cycling.unwrap_or(Cycling {
            on_s: 30.0,
            off_s: 90.0,
        });
        let toggled = ui.checkbox(&mut cycling, "Cycling").changed();
        let label = ui.label("on/off (s)").id;
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
            send(ProgrammerEdit::SetCycling(cycling.then_some(c)));
        }
    });
}

/// The amplitude window the patient's remote may move in, as two steppers.
fn window_rows(
    ui: &mut Ui,
    program: &Program,
    steppers: &mut Steppers,
    send: &mut impl FnMut(ProgrammerEdit),
) {
    let w = program.window;
    let spec = |label, value| StepperSpec {
        label,
        value,
        step: AMPLITUDE_STEP_MA * 5.0,
        range: (0.0, MAX_AMPLITUDE_MA),
        decimals: 1,
        enabled: true,
    };
    if let Some(v) = steppers.show(ui, spec("Patient minimum (mA)", w.min_ma)) {
        send(ProgrammerEdit::SetPatientWindow(PatientWindow {
            min_ma: v.min(w.max_ma),
            max_ma: w.max_ma,
        }));
    }
    ui.end_row();
    if let Some(v) = steppers.show(ui, spec("Patient maximum (mA)", w.max_ma)) {
        send(ProgrammerEdit::SetPatientWindow(PatientWindow {
            min_ma: w.min_ma.min(v),
            max_ma: v,
        }));
    }
    ui.end_row();
}

/// The programmer's warnings in a fixed box of [`WARNING_LINES`] lines, each elided to
/// one line (hover for the whole text), so that nothing below moves when they come and
/// go. In blind mode the discomfort warning (which names the true threshold) is left out,
/// and an impedance warning shows only once the impedance check has been run.
pub fn warnings_ui(ui: &mut Ui, shared: &Shared<'_>, impedance_checked: bool) {
    let Some(safety) = &shared.view.safety else {
        return;
    };
    let figures = format!(
        "{:.2} µC/phase · {:.1} µC/cm² (limit {CHARGE_DENSITY_LIMIT:.0}) · {:.1} V of {COMPLIANCE_V:.0} V",
        safety.charge.per_phase_uc, safety.charge.max_density_uc_per_cm2, safety.voltage_v
    );
    let shown: Vec<&Warning> = shared
        .view
        .alerts
        .iter()
        .filter(|w| !(shared.blind && w.code == WarningCode::Discomfort))
        .filter(|w| impedance_checked || w.code != WarningCode::Impedance)
        .collect();
    let line = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let width = ui.available_width();
    egui::Frame::new().show(ui, |ui| {
        ui.set_min_size(egui::vec2(width, line * (WARNING_LINES as f32 + 1.0)));
        ui.set_max_width(width);
        // Elided to keep the box still; the whole line on hover.
        ui.add(egui::Label::new(egui::RichText::new(&figures).small()).truncate())
            .on_hover_text(&figures);
        for w in shown.iter().take(WARNING_LINES) {
            let colour = if w.code.is_safety() {
                shared.palette.pain
            } else {
                ui.visuals().warn_fg_color
            };
            let text = format!("Warning: {}", w.message);
            ui.add(egui::Label::new(egui::RichText::new(&text).color(colour)).truncate())
                .on_hover_text(text);
        }
        if shown.len() > WARNING_LINES {
            ui.small(format!("and {} more", shown.len() - WARNING_LINES));
        }
    });
}

/// Lines the warning box keeps for warnings.
pub const WARNING_LINES: usize = 3;
