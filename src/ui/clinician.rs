//! The clinician programmer: PIN entry, lead diagram with contacts to tap, settings,
//! programs, impedance check, threshold finding, paresthesia map and the session log.

use super::App;
use crate::device::lead::{CONTACTS_PER_LEAD, Polarity};
use crate::device::program::{Cycling, PatientWindow, Waveform};
use crate::session::command::Threshold;
use crate::session::{Command, Role};
use egui::{Color32, RichText, Ui};

/// What the clinician screen asks the app to do.
pub enum Request {
    /// Send a command as the clinician.
    Send(Command),
    /// Try this PIN.
    Login(String),
    /// Change the PIN to this one.
    NewPin(String),
}

/// Draws the clinician programmer (or its PIN prompt); returns the requests of this frame.
pub fn clinician_ui(ui: &mut Ui, app: &mut App) -> Vec<Request> {
    let mut out = Vec::new();
    if app.session.role != Role::Clinician {
        ui.heading("Clinician programmer");
        ui.label("Enter the clinician PIN (set in the settings; see README).");
        ui.horizontal(|ui| {
            let field = egui::TextEdit::singleline(&mut app.pin_input)
                .password(true)
                .desired_width(120.0);
            let r = ui.add(field).labelled_by(ui.label("PIN").id);
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if ui.button("Unlock").clicked() || enter {
                out.push(Request::Login(std::mem::take(&mut app.pin_input)));
            }
        });
        if let Some(m) = &app.clinician_message {
            ui.colored_label(app.prefs.palette().pain, m);
        }
        return out;
    }
    let palette = app.prefs.palette();
    let s = &app.session;
    let d = &s.device;
    let mut send = |c: Command| out.push(Request::Send(c));
    ui.horizontal(|ui| {
        ui.heading("Clinician programmer");
        if ui.button("Leave clinician mode").clicked() {
            send(Command::LeaveClinician);
        }
    });
    if let Some(m) = &app.clinician_message {
        ui.colored_label(palette.pain, m);
    }
    // Programs.
    ui.horizontal_wrapped(|ui| {
        for (i, p) in d.programs.iter().enumerate() {
            if ui
                .selectable_label(d.active == i, format!("P{} {}", i + 1, p.name))
                .clicked()
            {
                send(Command::SelectProgram(i));
            }
        }
    });
    ui.horizontal(|ui| {
        if ui.button("New program").clicked() {
            send(Command::NewProgram {
                name: format!("Program {}", d.programs.len() + 1),
            });
        }
        if ui.button("Copy program").clicked() {
            send(Command::CopyProgram(d.active));
        }
        if ui.button("Delete program").clicked() {
            send(Command::DeleteProgram(d.active));
        }
    });
    ui.separator();
    // Lead diagram: tap a contact to cycle off → − → +.
    let program = d.program();
    ui.label("Contacts: tap to cycle off, −, +. Changing polarity sets the amplitude to 0.");
    ui.horizontal(|ui| {
        for (lead, placement) in d.placements.iter().enumerate() {
            ui.vertical(|ui| {
                ui.label(format!(
                    "Lead {} · {} {:+.1} mm",
                    lead + 1,
                    placement.level,
                    placement.lateral_mm
                ));
                for k in 0..CONTACTS_PER_LEAD {
                    let polarity = program
                        .electrodes
                        .leads
                        .get(lead)
                        .map_or(Polarity::Off, |l| l[k]);
                    let fault = d.impedances.fault(lead, k);
                    let (text, fill) = match (fault, polarity) {
                        (Some(_), _) => ("X".to_string(), palette.pain.gamma_multiply(0.5)),
                        (None, Polarity::Cathode) => ("−".to_string(), palette.cathode),
                        (None, Polarity::Anode) => ("+".to_string(), palette.anode),
                        (None, Polarity::Off) => ("0".to_string(), Color32::from_gray(90)),
                    };
                    let button = egui::Button::new(
                        RichText::new(format!("{k}: {text}"))
                            .color(Color32::WHITE)
                            .strong(),
                    )
                    .fill(fill)
                    .min_size(egui::vec2(64.0, 22.0));
                    let label = format!("Lead {} contact {k}", lead + 1);
                    let r = ui.add(button).on_hover_text(&label);
                    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                    if r.clicked() {
                        send(Command::SetContact {
                            lead,
                            contact: k,
                            polarity: polarity.cycled(),
                        });
                    }
                }
            });
        }
    });
    let mut case = program.electrodes.case_anode;
    if ui.checkbox(&mut case, "Case (IPG) as anode").changed() {
        send(Command::SetContacts {
            code: program.electrodes.to_code(),
            case_anode: case,
        });
    }
    if let Some(split) = split_ui(ui, &program.electrodes) {
        send(split);
    }
    ui.horizontal(|ui| {
        let label = ui.label("Program name");
        let field = egui::TextEdit::singleline(&mut app.program_name)
            .desired_width(140.0)
            .hint_text(program.name.as_str());
        ui.add(field).labelled_by(label.id);
        if ui.button("Rename").clicked() {
            send(Command::RenameProgram(std::mem::take(
                &mut app.program_name,
            )));
        }
    });
    ui.separator();
    settings_ui(ui, app, &mut out);
    ui.separator();
    tools_ui(ui, app, &mut out);
    out
}

/// An edited share: which polarity, which contact (`None` for the case) and the new percent.
type Edit = (Polarity, Option<(usize, usize)>, f64);

/// The current split: each active contact's share in percent. Editing one share moves the
/// others of the same polarity so that each polarity still totals 100 %.
fn split_ui(ui: &mut Ui, e: &crate::device::lead::Electrodes) -> Option<Command> {
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
    Some(Command::SetFractions {
        percent,
        case_percent: e.case_anode.then_some(case),
    })
}

/// One labelled number field; true when the user changed it.
fn field(ui: &mut Ui, label: egui::Id, enabled: bool, value: egui::DragValue<'_>) -> bool {
    ui.add_enabled(enabled, value).labelled_by(label).changed()
}

fn settings_ui(ui: &mut Ui, app: &mut App, out: &mut Vec<Request>) {
    let program = app.session.device.program().clone();
    let s = program.settings;
    let mut send = |c: Command| out.push(Request::Send(c));
    ui.horizontal(|ui| {
        ui.label("Waveform");
        for w in Waveform::ALL {
            if ui.selectable_label(s.waveform == w, w.name()).clicked() && s.waveform != w {
                send(Command::SetWaveform(w));
            }
        }
    });
    let ((pw_lo, pw_hi), (r_lo, r_hi)) = s.waveform.limits();
    egui::Grid::new("settings").num_columns(2).show(ui, |ui| {
        let mut ma = s.amplitude_ma;
        let label = ui.label("Amplitude (mA)").id;
        ui.horizontal(|ui| {
            if ui.button("Amplitude −").clicked() {
                send(Command::SetAmplitude((ma - 0.1).max(0.0)));
            }
            if field(
                ui,
                label,
                true,
                egui::DragValue::new(&mut ma)
                    .speed(0.1)
                    .range(0.0..=25.5)
                    .fixed_decimals(1),
            ) {
                send(Command::SetAmplitude(ma));
            }
            if ui.button("Amplitude +").clicked() {
                send(Command::SetAmplitude((ma + 0.1).min(25.5)));
            }
        });
        ui.end_row();
        let mut pw = s.pulse_width_us;
        let label = ui.label("Pulse width (µs)").id;
        if field(
            ui,
            label,
            true,
            egui::DragValue::new(&mut pw)
                .speed(10.0)
                .range(pw_lo..=pw_hi),
        ) {
            send(Command::SetPulseWidth(pw));
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
            send(Command::SetRate(rate));
        }
        ui.end_row();
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
                    .range(1.0..=7200.0)
                    .suffix(" s on"),
            );
            let off = field(
                ui,
                label,
                cycling,
                egui::DragValue::new(&mut c.off_s)
                    .range(1.0..=7200.0)
                    .suffix(" s off"),
            );
            if toggled || on || off {
                send(Command::SetCycling(cycling.then_some(c)));
            }
        });
        ui.end_row();
        let mut w = program.window;
        let label = ui.label("Patient window (mA)").id;
        ui.horizontal(|ui| {
            let a = field(
                ui,
                label,
                true,
                egui::DragValue::new(&mut w.min_ma)
                    .speed(0.1)
                    .range(0.0..=25.5)
                    .prefix("min "),
            );
            let b = field(
                ui,
                label,
                true,
                egui::DragValue::new(&mut w.max_ma)
                    .speed(0.1)
                    .range(0.0..=25.5)
                    .prefix("max "),
            );
            if a || b {
                send(Command::SetPatientWindow(PatientWindow {
                    min_ma: w.min_ma.min(w.max_ma),
                    max_ma: w.max_ma,
                }));
            }
        });
        ui.end_row();
    });
    let safety = app.session.device.safety();
    ui.label(format!(
        "{:.2} µC/phase · {:.1} µC/cm² (limit 30) · {:.0} Ω · {:.1} V of 12 V",
        safety.charge.per_phase_uc,
        safety.charge.max_density_uc_per_cm2,
        safety.impedance_ohm,
        safety.voltage_v
    ));
    for w in &safety.warnings {
        ui.colored_label(app.prefs.palette().pain, format!("Warning: {}", w.message));
    }
}

fn tools_ui(ui: &mut Ui, app: &mut App, out: &mut Vec<Request>) {
    ui.horizontal(|ui| {
        ui.toggle_value(&mut app.show_impedance, "Impedance check");
        ui.toggle_value(&mut app.ramp, "Ramp amplitude")
            .on_hover_text("+0.1 mA every 2 simulated seconds");
    });
    if app.show_impedance {
        let d = &app.session.device;
        egui::Grid::new("impedance").striped(true).show(ui, |ui| {
            ui.label("contact");
            for lead in 0..d.impedances.leads() {
                ui.label(format!("lead {} (Ω)", lead + 1));
            }
            ui.end_row();
            for k in 0..CONTACTS_PER_LEAD {
                ui.label(k.to_string());
                for lead in 0..d.impedances.leads() {
                    let z = d.impedances.ohm(lead, k);
                    match d.impedances.fault(lead, k) {
                        Some(f) => ui.colored_label(
                            app.prefs.palette().pain,
                            format!("{z:.0} {}", f.describe()),
                        ),
                        None => ui.label(format!("{z:.0}")),
                    };
                }
                ui.end_row();
            }
        });
    }
    let notes = &app.session.device.program().notes;
    let fmt = |v: Option<f64>| v.map_or("—".into(), |x| format!("{x:.1} mA"));
    ui.horizontal(|ui| {
        if ui.button("Mark perception threshold").clicked() {
            out.push(Request::Send(Command::MarkThreshold(Threshold::Perception)));
        }
        if ui.button("Mark discomfort threshold").clicked() {
            out.push(Request::Send(Command::MarkThreshold(Threshold::Discomfort)));
        }
    });
    ui.label(format!(
        "Marked: PT {} · DT {}",
        fmt(notes.measured_pt_ma),
        fmt(notes.measured_dt_ma)
    ));
    if ui.button("Save paresthesia map").clicked() {
        out.push(Request::Send(Command::SaveParesthesiaMap));
    }
    if let Some(words) = &notes.patient_words {
        ui.small(format!("Map saved: “{words}”"));
    }
    ui.horizontal(|ui| {
        let label = ui.label("New PIN");
        ui.add(
            egui::TextEdit::singleline(&mut app.new_pin)
                .password(true)
                .desired_width(90.0),
        )
        .labelled_by(label.id);
        if ui.button("Change PIN").clicked() {
            out.push(Request::NewPin(std::mem::take(&mut app.new_pin)));
        }
    });
    ui.collapsing("Session log", |ui| {
        for e in app.session.log.iter().rev().take(14) {
            let mark = if e.refused.is_some() { "refused: " } else { "" };
            ui.small(format!("{:>6.0} s  {mark}{:?}", e.t_s, e.command));
        }
    });
}
