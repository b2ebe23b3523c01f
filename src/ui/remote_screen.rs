//! The remote's LCD: link, batteries, program, amplitude in large digits, and one alert
//! line.

use super::prefs::Palette;
use crate::device::battery::BatteryState;
use crate::remote::Link;
use crate::session::Session;
use crate::session::view::View;
use egui::{Align2, Color32, CornerRadius, FontId, Painter, Rect, Stroke, vec2};

/// Ink of the LCD.
const INK: Color32 = Color32::from_rgb(0x1A, 0x24, 0x1A);
/// Dim ink of the LCD.
const DIM: Color32 = Color32::from_rgb(0x55, 0x66, 0x50);
/// Ink of an alarm on the LCD.
const ALARM: Color32 = Color32::from_rgb(0xA0, 0x30, 0x00);
/// Space between the LCD's edge and its text.
const PAD: f32 = 10.0;

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
    status_line(p, r, s);
    program_and_amplitude(p, r, s);
    implant_battery(p, r, s);
    alert_line(p, r, view, message, palette);
}

/// Link on the left, the remote's own battery on the right.
fn status_line(p: &Painter, r: Rect, s: &Session) {
    let link = s.remote.link;
    let link_colour = if link == Link::Connected { INK } else { ALARM };
    p.text(
        r.left_top() + vec2(PAD, PAD),
        Align2::LEFT_TOP,
        link.label(),
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

/// The program's name, the amplitude (or OFF / MRI) in large digits, and the lock.
fn program_and_amplitude(p: &Painter, r: Rect, s: &Session) {
    let program = s.device().program();
    p.text(
        r.left_top() + vec2(PAD, PAD + 24.0),
        Align2::LEFT_TOP,
        format!("P{} {}", s.device().active + 1, program.name),
        FontId::proportional(17.0),
        INK,
    );
    let big = if s.device().mri_mode {
        "MRI".to_string()
    } else if s.device().therapy_on {
        format!("{:.1}", program.settings.amplitude_ma)
    } else {
        "OFF".to_string()
    };
    p.text(
        r.left_top() + vec2(PAD, PAD + 50.0),
        Align2::LEFT_TOP,
        &big,
        FontId::monospace(44.0),
        INK,
    );
    if s.device().therapy_on && !s.device().mri_mode {
        p.text(
            r.left_top() + vec2(PAD + 16.0 + 27.0 * big.len() as f32, PAD + 74.0),
            Align2::LEFT_TOP,
            "mA",
            FontId::proportional(18.0),
            INK,
        );
    }
    if s.remote.locked {
        p.text(
            r.right_top() + vec2(-PAD, PAD + 26.0),
            Align2::RIGHT_TOP,
            "LOCKED",
            FontId::proportional(14.0),
            INK,
        );
    }
}

/// The implant's battery: five bars and a percentage.
fn implant_battery(p: &Painter, r: Rect, s: &Session) {
    let bars = s.device().battery.bars();
    let origin = r.left_top() + vec2(PAD, PAD + 112.0);
    p.text(
        origin,
        Align2::LEFT_TOP,
        "Implant",
        FontId::proportional(13.0),
        DIM,
    );
    for i in 0..5u8 {
        let b = Rect::from_min_size(
            origin + vec2(62.0 + 17.0 * f32::from(i), 2.0),
            vec2(13.0, 14.0),
        );
        let filled = i < bars;
        let colour = match s.device().battery.state() {
            BatteryState::Ok => INK,
            _ => ALARM,
        };
        if filled {
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
        origin + vec2(152.0, 0.0),
        Align2::LEFT_TOP,
        format!("{:.0}%", s.device().battery.percent()),
        FontId::proportional(13.0),
        DIM,
    );
}

/// Alert line: a refusal first, then the most serious alert.
fn alert_line(p: &Painter, r: Rect, view: &View, message: Option<&str>, palette: &Palette) {
    let alert = message
        .map(str::to_string)
        .or_else(|| view.alerts.first().map(|w| w.message.clone()));
    if let Some(text) = alert {
        let area = Rect::from_min_max(
            r.left_top() + vec2(PAD, 140.0),
            r.right_bottom() - vec2(PAD, 6.0),
        );
        p.rect_filled(
            area,
            CornerRadius::same(4),
            palette.warning.gamma_multiply(0.55),
        );
        let galley = p.layout(text, FontId::proportional(13.5), INK, area.width() - 8.0);
        p.galley(area.left_top() + vec2(4.0, 3.0), galley, INK);
    }
}
