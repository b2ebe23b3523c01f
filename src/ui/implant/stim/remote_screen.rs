//! The remote's LCD, in a patient's words: link, the remote's battery, program, amplitude
//! in large digits with bars, the implant's battery with recharge, lock and MRI, and one
//! message area of two lines at most. Clinician warnings (charge density, Shannon,
//! thresholds) belong in the programmer and never show here. Without a link the values are
//! greyed: they are the last ones the remote knew.

use crate::device::battery::BatteryState;
use crate::device::safety::WarningCode;
use crate::remote::Link;
use crate::session::Session;
use crate::session::view::View;
use crate::ui::prefs::Palette;
use egui::text::{LayoutJob, TextFormat};
use egui::{Align2, Color32, CornerRadius, FontId, Painter, Rect, Stroke, vec2};

/// Ink of the LCD.
const INK: Color32 = Color32::from_rgb(0x1A, 0x24, 0x1A);
/// Dim ink of the LCD.
const DIM: Color32 = Color32::from_rgb(0x55, 0x66, 0x50);
/// Ink of values the remote cannot confirm (no link).
const STALE: Color32 = Color32::from_rgb(0x9A, 0xA8, 0x8E);
/// Ink of an alarm on the LCD.
const ALARM: Color32 = Color32::from_rgb(0xA0, 0x30, 0x00);
/// Space between the LCD's edge and its text.
const PAD: f32 = 10.0;
/// Segments of the amplitude bar.
const BARS: usize = 10;

/// What the remote's screen says about the most serious alert, in a patient's words, or
/// nothing for alerts that belong to the clinician.
pub fn patient_alert(s: &Session, view: &View) -> Option<String> {
    view.alerts.iter().find_map(|w| match w.code {
        WarningCode::Battery => s
            .device()
            .and_then(|d| d.battery.state().message())
            .map(String::from),
        WarningCode::Mri => Some("MRI mode: stimulation off".into()),
        WarningCode::Link => Some("No link: hold the remote over your implant".into()),
        WarningCode::Impedance | WarningCode::Configuration => {
            Some("Check lead: call your clinic".into())
        }
        _ => None,
    })
}

/// Draws the LCD in `r`; `message` (a refusal) goes before the most serious alert.
pub fn screen_ui(
    p: &Painter,
    r: Rect,
    s: &Session,
    view: &View,
    message: Option<&str>,
    palette: &Palette,
) {
    let lcd = Color32::from_rgb(0xC9, 0xD8, 0xB8);
    p.rect(
        r,
        CornerRadius::same(10),
        lcd,
        Stroke::new(3.0, Color32::from_rgb(0x14, 0x18, 0x1E)),
        egui::StrokeKind::Outside,
    );
    let ink = if s.remote.link == Link::Connected {
        INK
    } else {
        STALE
    };
    status_line(p, r, s);
    program_and_amplitude(p, r, s, ink);
    implant_battery(p, r, s, ink);
    alert_line(p, r, s, view, message, palette);
}

/// Link on the left, the remote's own battery on the right.
fn status_line(p: &Painter, r: Rect, s: &Session) {
    let link = s.remote.link;
    let link_colour = if link == Link::Connected { INK } else { ALARM };
    p.text(
        r.left_top() + vec2(PAD, PAD),
        Align2::LEFT_TOP,
        if link == Link::Connected {
            "Connected"
        } else {
            "No link"
        },
        FontId::proportional(14.0),
        link_colour,
    );
    p.text(
        r.right_top() + vec2(-PAD, PAD),
        Align2::RIGHT_TOP,
        format!("Remote {:.0}%", s.remote.battery_percent),
        FontId::proportional(13.0),
        DIM,
    );
}

/// The program's name, the amplitude (or OFF / MRI) in large digits with bars, the lock.
fn program_and_amplitude(p: &Painter, r: Rect, s: &Session, ink: Color32) {
    let Some(d) = s.device() else {
        return;
    };
    let program = d.program();
    let name = elided(
        p,
        &format!("P{} {}", d.active + 1, program.name),
        17.0,
        r.width() - 2.0 * PAD - 60.0,
    );
    p.text(
        r.left_top() + vec2(PAD, PAD + 24.0),
        Align2::LEFT_TOP,
        name,
        FontId::proportional(17.0),
        ink,
    );
    let on = d.therapy_on && !d.mri_mode;
    // In closed loop the patient moves the target, not the current.
    let target = program.running_loop().map(|l| l.target_uv);
    let big = if d.mri_mode {
        "MRI".to_string()
    } else if !d.therapy_on {
        "OFF".to_string()
    } else if let Some(t) = target {
        format!("{t:.0}")
    } else {
        format!("{:.1}", program.settings.amplitude_ma)
    };
    let digits = p.text(
        r.left_top() + vec2(PAD, PAD + 46.0),
        Align2::LEFT_TOP,
        &big,
        FontId::monospace(40.0),
        ink,
    );
    if on {
        p.text(
            digits.right_bottom() + vec2(6.0, -8.0),
            Align2::LEFT_BOTTOM,
            if target.is_some() { "µV loop" } else { "mA" },
            FontId::proportional(18.0),
            ink,
        );
    }
    if s.remote.locked {
        p.text(
            r.right_top() + vec2(-PAD, PAD + 26.0),
            Align2::RIGHT_TOP,
            "LOCKED",
            FontId::proportional(14.0),
            ink,
        );
    }
    // Where the amplitude sits in the range the clinician allowed.
    let w = program.window;
    let span = (w.max_ma - w.min_ma).max(1e-9);
    let level = if on {
        ((program.settings.amplitude_ma - w.min_ma) / span).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let filled = (level * BARS as f64).ceil() as usize;
    let origin = r.left_top() + vec2(PAD, PAD + 98.0);
    let bar_w = (r.width() - 2.0 * PAD) / BARS as f32;
    for i in 0..BARS {
        let h = 5.0 + 9.0 * (i as f32 + 1.0) / BARS as f32;
        let b = Rect::from_min_size(
            origin + vec2(bar_w * i as f32, 14.0 - h),
            vec2(bar_w - 3.0, h),
        );
        if i < filled {
            p.rect_filled(b, CornerRadius::same(1), ink);
        } else {
            p.rect_stroke(
                b,
                CornerRadius::same(1),
                Stroke::new(1.0, DIM.gamma_multiply(0.6)),
                egui::StrokeKind::Inside,
            );
        }
    }
}

/// The implant's battery: five bars, a percentage, and the recharge state.
fn implant_battery(p: &Painter, r: Rect, s: &Session, ink: Color32) {
    let Some(battery) = s.device().map(|d| &d.battery) else {
        return;
    };
    let bars = battery.bars();
    let origin = r.left_top() + vec2(PAD, PAD + 120.0);
    p.text(
        origin,
        Align2::LEFT_TOP,
        "Implant",
        FontId::proportional(13.0),
        DIM,
    );
    let low = battery.state() != BatteryState::Ok;
    let colour = if ink == STALE {
        STALE
    } else if low {
        ALARM
    } else {
        INK
    };
    for i in 0..5u8 {
        let b = Rect::from_min_size(
            origin + vec2(58.0 + 15.0 * f32::from(i), 2.0),
            vec2(11.0, 13.0),
        );
        if i < bars {
            p.rect_filled(b, CornerRadius::same(2), colour);
        } else {
            p.rect_stroke(
                b,
                CornerRadius::same(2),
                Stroke::new(1.0, DIM),
                egui::StrokeKind::Inside,
            );
        }
    }
    p.text(
        origin + vec2(138.0, 0.0),
        Align2::LEFT_TOP,
        format!("{:.0}%", battery.percent()),
        FontId::proportional(13.0),
        colour,
    );
}

/// `text` cut to fit `width` at `size` px, with an ellipsis.
fn elided(p: &Painter, text: &str, size: f32, width: f32) -> String {
    let fits = |t: &str| {
        p.layout_no_wrap(t.to_string(), FontId::proportional(size), INK)
            .size()
            .x
            <= width
    };
    if fits(text) {
        return text.to_string();
    }
    let mut t: String = text.to_string();
    while !t.is_empty() && !fits(&format!("{t}…")) {
        t.pop();
    }
    format!("{}…", t.trim_end())
}

/// The message area: a refusal first, then the most serious alert in a patient's words,
/// in two lines at most, inside the screen.
fn alert_line(
    p: &Painter,
    r: Rect,
    s: &Session,
    view: &View,
    message: Option<&str>,
    palette: &Palette,
) {
    let Some(text) = message
        .map(str::to_string)
        .or_else(|| patient_alert(s, view))
    else {
        return;
    };
    let area = Rect::from_min_max(
        r.left_top() + vec2(PAD - 4.0, PAD + 142.0),
        r.right_bottom() - vec2(PAD - 4.0, 6.0),
    );
    p.rect_filled(
        area,
        CornerRadius::same(4),
        palette.warning.gamma_multiply(0.55),
    );
    let mut job =
        LayoutJob::single_section(text, TextFormat::simple(FontId::proportional(13.5), INK));
    job.wrap.max_width = area.width() - 8.0;
    job.wrap.max_rows = 2;
    job.wrap.break_anywhere = false;
    job.wrap.overflow_character = Some('…');
    let galley = p.layout_job(job);
    p.galley(area.left_top() + vec2(4.0, 3.0), galley, INK);
}
