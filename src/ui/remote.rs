//! The patient remote, drawn as a handheld device: a rounded body, an LCD screen and round
//! keys. Every key sends a Command; the screen shows what the core answers.

use super::prefs::Palette;
use crate::device::battery::BatteryState;
use crate::remote::Link;
use crate::session::view::View;
use crate::session::{Command, Session};
use egui::{
    Align2, Color32, CornerRadius, FontId, Pos2, Rect, Response, Sense, Stroke, Ui, Vec2,
    WidgetInfo, pos2, vec2,
};

/// Icons drawn on the remote's keys.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Icon {
    Plus,
    Minus,
    Power,
    Left,
    Right,
    Lock,
    Mri,
}

/// What a key press asks for; the app sends it (with hold-to-repeat for amplitude).
#[derive(Clone, Debug, PartialEq)]
pub struct KeyPress {
    /// The command.
    pub command: Command,
    /// The key is held down (amplitude keys repeat).
    pub held: bool,
    /// The key was released this frame (a click).
    pub clicked: bool,
}

/// Draws the remote; returns the key activity of this frame.
pub fn remote_ui(
    ui: &mut Ui,
    session: &Session,
    view: &View,
    message: Option<&str>,
    palette: &Palette,
) -> Vec<KeyPress> {
    let size = vec2(250.0, 560.0);
    let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
    let painter = ui.painter_at(rect.expand(4.0));
    // Body with a soft shadow.
    painter.rect_filled(
        rect.translate(vec2(3.0, 4.0)),
        CornerRadius::same(48),
        Color32::from_black_alpha(90),
    );
    painter.rect(
        rect,
        CornerRadius::same(48),
        Color32::from_rgb(0x2B, 0x31, 0x3B),
        Stroke::new(2.0, Color32::from_rgb(0x55, 0x5E, 0x6B)),
        egui::StrokeKind::Inside,
    );
    painter.text(
        pos2(rect.center().x, rect.top() + 22.0),
        Align2::CENTER_CENTER,
        "SCS REMOTE",
        FontId::proportional(12.0),
        Color32::from_gray(170),
    );
    let screen = Rect::from_min_size(rect.min + vec2(22.0, 38.0), vec2(size.x - 44.0, 210.0));
    screen_ui(&painter, screen, session, view, message, palette);

    let mut presses = Vec::new();
    let cx = rect.center().x;
    let row = |i: f32| rect.top() + 300.0 + i * 78.0;
    let keys = [
        (
            pos2(cx - 55.0, row(0.0)),
            Icon::Minus,
            "Decrease amplitude",
            Command::AmplitudeDown,
        ),
        (
            pos2(cx + 55.0, row(0.0)),
            Icon::Plus,
            "Increase amplitude",
            Command::AmplitudeUp,
        ),
        (
            pos2(cx - 55.0, row(1.0)),
            Icon::Left,
            "Previous program",
            prev_program(session),
        ),
        (
            pos2(cx + 55.0, row(1.0)),
            Icon::Right,
            "Next program",
            next_program(session),
        ),
        (
            pos2(cx - 55.0, row(2.0)),
            Icon::Power,
            "",
            session.therapy_toggle(),
        ),
        (
            pos2(cx + 55.0, row(2.0)),
            Icon::Lock,
            "",
            session.lock_toggle(),
        ),
        (
            pos2(cx, row(2.6)),
            Icon::Mri,
            "",
            Command::MriMode(!session.device.mri_mode),
        ),
    ];
    for (centre, icon, label, command) in keys {
        let label = if label.is_empty() {
            toggle_label(&command)
        } else {
            label
        };
        let radius = if icon == Icon::Mri { 20.0 } else { 30.0 };
        let r = key_ui(ui, centre, radius, icon, label, palette);
        if r.clicked() || r.is_pointer_button_down_on() {
            presses.push(KeyPress {
                command,
                held: r.is_pointer_button_down_on(),
                clicked: r.clicked(),
            });
        }
    }
    presses
}

fn prev_program(s: &Session) -> Command {
    let n = s.device.programs.len();
    Command::SelectProgram((s.device.active + n - 1) % n)
}

fn next_program(s: &Session) -> Command {
    Command::SelectProgram((s.device.active + 1) % s.device.programs.len())
}

/// The accessible name of a toggling key: what pressing it will do.
fn toggle_label(c: &Command) -> &'static str {
    match c {
        Command::TherapyOn => "Therapy on",
        Command::TherapyOff => "Therapy off",
        Command::Lock => "Lock remote",
        Command::Unlock => "Unlock remote",
        Command::MriMode(true) => "MRI mode",
        _ => "Leave MRI mode",
    }
}

/// One round key with an icon and an accessible name.
fn key_ui(
    ui: &mut Ui,
    centre: Pos2,
    radius: f32,
    icon: Icon,
    label: &str,
    palette: &Palette,
) -> Response {
    let rect = Rect::from_center_size(centre, Vec2::splat(radius * 2.0));
    let id = ui.scope_id().with(label);
    let response = ui.interact(rect, id, Sense::click()).on_hover_text(label);
    response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, label));
    let pressed = response.is_pointer_button_down_on();
    let fill = if pressed {
        Color32::from_rgb(0x1E, 0x22, 0x29)
    } else if response.hovered() {
        Color32::from_rgb(0x4A, 0x53, 0x60)
    } else {
        Color32::from_rgb(0x3C, 0x44, 0x50)
    };
    let p = ui.painter();
    p.circle_filled(
        centre + vec2(0.0, 2.5),
        radius,
        Color32::from_black_alpha(110),
    );
    p.circle(
        centre,
        radius,
        fill,
        Stroke::new(1.5, Color32::from_gray(120)),
    );
    if response.has_focus() {
        p.circle_stroke(centre, radius + 3.0, Stroke::new(2.0, palette.tingling));
    }
    let ink = Stroke::new(3.0, Color32::from_gray(235));
    let s = radius * 0.42;
    match icon {
        Icon::Plus => {
            p.line_segment([centre - vec2(s, 0.0), centre + vec2(s, 0.0)], ink);
            p.line_segment([centre - vec2(0.0, s), centre + vec2(0.0, s)], ink);
        }
        Icon::Minus => {
            p.line_segment([centre - vec2(s, 0.0), centre + vec2(s, 0.0)], ink);
        }
        Icon::Left | Icon::Right => {
            let d = if icon == Icon::Left { -1.0 } else { 1.0 };
            let tip = centre + vec2(d * s, 0.0);
            p.line_segment([tip, centre + vec2(-d * s * 0.4, -s)], ink);
            p.line_segment([tip, centre + vec2(-d * s * 0.4, s)], ink);
            p.text(
                centre + vec2(-d * s * 0.9, 0.0),
                Align2::CENTER_CENTER,
                "P",
                FontId::proportional(13.0),
                Color32::from_gray(200),
            );
        }
        Icon::Power => {
            let ring = Stroke::new(3.0, palette.good);
            let n = 24;
            let pts: Vec<Pos2> = (0..=n)
                .map(|i| {
                    // An open ring with its gap at the top, as on every power key.
                    let a = (-55.0 + 290.0 * i as f32 / n as f32).to_radians();
                    centre + vec2(a.cos(), a.sin()) * s
                })
                .collect();
            p.add(egui::Shape::line(pts, ring));
            p.line_segment(
                [centre - vec2(0.0, s * 1.2), centre - vec2(0.0, s * 0.2)],
                ring,
            );
        }
        Icon::Lock => {
            let body = Rect::from_center_size(centre + vec2(0.0, s * 0.35), vec2(s * 1.6, s * 1.1));
            p.rect_stroke(body, CornerRadius::same(2), ink, egui::StrokeKind::Middle);
            p.circle_stroke(centre - vec2(0.0, s * 0.35), s * 0.5, ink);
        }
        Icon::Mri => {
            p.text(
                centre,
                Align2::CENTER_CENTER,
                "MRI",
                FontId::proportional(13.0),
                Color32::from_gray(235),
            );
        }
    }
    response
}

/// The LCD: link, batteries, program, amplitude in large digits, and one alert line.
fn screen_ui(
    p: &egui::Painter,
    r: Rect,
    s: &Session,
    view: &View,
    message: Option<&str>,
    palette: &Palette,
) {
    let lcd = Color32::from_rgb(0xC9, 0xD8, 0xB8);
    let ink = Color32::from_rgb(0x1A, 0x24, 0x1A);
    let dim = Color32::from_rgb(0x55, 0x66, 0x50);
    p.rect(
        r,
        CornerRadius::same(10),
        lcd,
        Stroke::new(3.0, Color32::from_rgb(0x14, 0x18, 0x1E)),
        egui::StrokeKind::Outside,
    );
    let pad = 10.0;
    let link = s.remote.link;
    let link_colour = if link == Link::Connected {
        ink
    } else {
        Color32::from_rgb(0xA0, 0x30, 0x00)
    };
    p.text(
        r.left_top() + vec2(pad, pad),
        Align2::LEFT_TOP,
        link.label(),
        FontId::proportional(14.0),
        link_colour,
    );
    p.text(
        r.right_top() + vec2(-pad, pad),
        Align2::RIGHT_TOP,
        format!("Remote {:.0}%", s.remote.battery_percent),
        FontId::proportional(13.0),
        dim,
    );
    let program = s.device.program();
    p.text(
        r.left_top() + vec2(pad, pad + 24.0),
        Align2::LEFT_TOP,
        format!("P{} {}", s.device.active + 1, program.name),
        FontId::proportional(17.0),
        ink,
    );
    let big = if s.device.mri_mode {
        "MRI".to_string()
    } else if s.device.therapy_on {
        format!("{:.1}", program.settings.amplitude_ma)
    } else {
        "OFF".to_string()
    };
    p.text(
        r.left_top() + vec2(pad, pad + 50.0),
        Align2::LEFT_TOP,
        &big,
        FontId::monospace(44.0),
        ink,
    );
    if s.device.therapy_on && !s.device.mri_mode {
        p.text(
            r.left_top() + vec2(pad + 16.0 + 27.0 * big.len() as f32, pad + 74.0),
            Align2::LEFT_TOP,
            "mA",
            FontId::proportional(18.0),
            ink,
        );
    }
    if s.remote.locked {
        p.text(
            r.right_top() + vec2(-pad, pad + 26.0),
            Align2::RIGHT_TOP,
            "LOCKED",
            FontId::proportional(14.0),
            ink,
        );
    }
    // Implant battery: five bars.
    let bars = s.device.battery.bars();
    let origin = r.left_top() + vec2(pad, pad + 112.0);
    p.text(
        origin,
        Align2::LEFT_TOP,
        "Implant",
        FontId::proportional(13.0),
        dim,
    );
    for i in 0..5u8 {
        let b = Rect::from_min_size(
            origin + vec2(62.0 + 17.0 * f32::from(i), 2.0),
            vec2(13.0, 14.0),
        );
        let filled = i < bars;
        let colour = match s.device.battery.state() {
            BatteryState::Ok => ink,
            _ => Color32::from_rgb(0xA0, 0x30, 0x00),
        };
        if filled {
            p.rect_filled(b, CornerRadius::same(2), colour);
        } else {
            p.rect_stroke(
                b,
                CornerRadius::same(2),
                Stroke::new(1.0, dim),
                egui::StrokeKind::Inside,
            );
        }
    }
    p.text(
        origin + vec2(152.0, 0.0),
        Align2::LEFT_TOP,
        format!("{:.0}%", s.device.battery.percent()),
        FontId::proportional(13.0),
        dim,
    );
    // Alert line: a refusal first, then the most serious alert.
    let alert = message
        .map(str::to_string)
        .or_else(|| view.alerts.first().map(|w| w.message.clone()));
    if let Some(text) = alert {
        let area = Rect::from_min_max(
            r.left_top() + vec2(pad, 140.0),
            r.right_bottom() - vec2(pad, 6.0),
        );
        p.rect_filled(
            area,
            CornerRadius::same(4),
            palette.warning.gamma_multiply(0.55),
        );
        let galley = p.layout(text, FontId::proportional(13.5), ink, area.width() - 8.0);
        p.galley(area.left_top() + vec2(4.0, 3.0), galley, ink);
    }
}
