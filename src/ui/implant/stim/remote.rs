//! The patient remote, drawn as a handheld device: a rounded body, an LCD screen and round
//! keys. Every key sends a Command; the screen shows what the core answers, in a patient's
//! words. Amplitude keys repeat while held, by mouse, touch or keyboard alike.

use super::remote_screen::screen_ui;
use crate::session::view::View;
use crate::session::{RemoteKey, Session};
use crate::ui::answers::Answers;
use crate::ui::draw::stepper::Hold;
use crate::ui::implant::remote_side::{Fold, remote_side};
use crate::ui::prefs::Palette;
use crate::ui::request::{Request, Shared};
use egui::{
    Align2, Color32, CornerRadius, FontId, Pos2, Rect, Response, Sense, Stroke, Ui, Vec2,
    WidgetInfo, pos2, vec2,
};

/// The remote panel: hold-to-repeat of its keys (the refusal on its screen is in the
/// shell's [`Answers`]).
#[derive(Debug, Default)]
pub struct RemotePanel {
    /// Hold-to-repeat of the amplitude keys (real time: 0.5 s, then every 0.15 s).
    hold: Hold,
    /// Folded beside the tools in a narrow window, or opened by hand.
    fold: Fold,
}

impl RemotePanel {
    /// Draws the remote in its side panel, its screen showing the refusal in `answers`
    /// until its time is over; returns the commands its keys send.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        shared: &Shared<'_>,
        answers: &mut Answers,
    ) -> Vec<Request> {
        answers.expire_remote(ui.ctx(), shared.now);
        let message = answers.remote();
        let mut out = Vec::new();
        let mut fold = std::mem::take(&mut self.fold);
        remote_side(ui, shared, (&mut fold, "remote"), |ui| {
            // A short window (150 % zoom on a projector) scrolls to the lower keys.
            out = crate::ui::draw::region::scroll_down(ui, |ui| {
                self.body(ui, shared, message, false)
            });
        });
        self.fold = fold;
        out
    }

    /// The remote, centred in `ui` (its side panel, or the whole window when presented),
    /// with `message` on its screen; `wide`: the screen beside the keys (presented, so
    /// that it grows to fill a wide window).
    pub fn body(
        &mut self,
        ui: &mut Ui,
        shared: &Shared<'_>,
        message: Option<&str>,
        wide: bool,
    ) -> Vec<Request> {
        let mut presses = Vec::new();
        ui.add_space(8.0);
        ui.vertical_centered(|ui| {
            let (s, v, p) = (shared.session, shared.view, &shared.palette);
            presses = remote_ui(ui, s, v, message, p, wide);
        });
        self.presses(presses, shared.now)
    }

    /// Turns key activity into commands: a click sends once, a held amplitude key repeats
    /// (steps every 0.15 s after 0.5 s held, on the wall clock, with repaints while held).
    fn presses(&mut self, presses: Vec<KeyPress>, now: f64) -> Vec<Request> {
        let mut out = Vec::new();
        for press in presses {
            let repeats = matches!(
                press.command,
                RemoteKey::AmplitudeUp | RemoteKey::AmplitudeDown
            );
            let fire = if repeats {
                self.hold.fires(&press.response, now)
            } else {
                press.response.clicked()
            };
            if fire {
                out.push(Request::Patient(press.command.into()));
            }
        }
        out
    }
}

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
    Charge,
    Loop,
}

/// A key of the remote this frame: its command and how it was used; the panel sends it
/// (with hold-to-repeat for amplitude).
#[derive(Clone, Debug)]
pub struct KeyPress {
    /// The key's command.
    pub command: RemoteKey,
    /// The key's response this frame (clicked, held down).
    pub response: Response,
}

/// How far below the case's top the keys start, points.
const KEYS_TOP: f32 = 250.0;

/// Draws the remote of `session` showing `view`: upright (the keys below the screen) or,
/// `wide`, in two halves side by side (the screen, then the keys); returns every key with
/// its response this frame.
pub fn remote_ui(
    ui: &mut Ui,
    session: &Session,
    view: &View,
    message: Option<&str>,
    palette: &Palette,
    wide: bool,
) -> Vec<KeyPress> {
    let size = vec2(250.0, 560.0);
    let half = vec2(size.x, 290.0);
    let whole = if wide {
        vec2(2.0 * half.x + 20.0, half.y)
    } else {
        size
    };
    let (rect, _) = ui.allocate_exact_size(whole, Sense::hover());
    let painter = ui.painter_at(rect.expand(4.0));
    let title = match session.implant().kind() {
        crate::implant::ImplantKind::Pns => "PNS REMOTE",
        _ => "SCS REMOTE",
    };
    // Where the keys are laid out: the lower part of the upright case, or the right half
    // moved up by KEYS_TOP.
    let keys_rect = if wide {
        let left = Rect::from_min_size(rect.min, half);
        let right = Rect::from_min_size(rect.min + vec2(half.x + 20.0, 0.0), half);
        case_ui(&painter, left, title);
        case_ui(&painter, right, "");
        Rect::from_min_size(right.min - vec2(0.0, KEYS_TOP), size)
    } else {
        case_ui(&painter, rect, title);
        rect
    };
    let screen = Rect::from_min_size(rect.min + vec2(22.0, 38.0), vec2(size.x - 44.0, 210.0));
    screen_ui(&painter, screen, session, view, message, palette);

    let mut presses = Vec::new();
    for (centre, icon, label, command) in keys(keys_rect, session) {
        let label = if label.is_empty() {
            toggle_label(&command)
        } else {
            label
        };
        let radius = if matches!(icon, Icon::Mri | Icon::Charge | Icon::Loop) {
            20.0
        } else {
            30.0
        };
        let response = key_ui(ui, centre, radius, icon, label, palette);
        presses.push(KeyPress { command, response });
    }
    presses
}

/// The remote's body with a soft shadow, and its `title` at the top.
fn case_ui(painter: &egui::Painter, rect: Rect, title: &str) {
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
        title,
        FontId::proportional(12.0),
        Color32::from_gray(170),
    );
}

/// Every key of the remote in `rect`: where it is, its icon, its accessible name (empty:
/// the toggle's, from its command) and the command it sends now. A program the clinician
/// put in closed loop adds a key that turns the loop off and on.
fn keys(rect: Rect, session: &Session) -> Vec<(Pos2, Icon, &'static str, RemoteKey)> {
    let cx = rect.center().x;
    let row = |i: f32| rect.top() + 300.0 + i * 78.0;
    let program = session.device().map(|d| d.program());
    let looped = program.is_some_and(|p| p.closed_loop.is_some());
    let small_x = if looped { 55.0 } else { 35.0 };
    let target = program.is_some_and(|p| p.running_loop().is_some());
    let (down, up) = if target {
        (
            "Lower the closed-loop target",
            "Raise the closed-loop target",
        )
    } else {
        ("Decrease amplitude", "Increase amplitude")
    };
    let mut keys = vec![
        (
            pos2(cx - 55.0, row(0.0)),
            Icon::Minus,
            down,
            RemoteKey::AmplitudeDown,
        ),
        (
            pos2(cx + 55.0, row(0.0)),
            Icon::Plus,
            up,
            RemoteKey::AmplitudeUp,
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
            pos2(cx - small_x, row(2.75)),
            Icon::Mri,
            "",
            RemoteKey::MriMode(!session.device().is_some_and(|d| d.mri_mode)),
        ),
        (
            pos2(cx + small_x, row(2.75)),
            Icon::Charge,
            "Charge the implant",
            RemoteKey::Recharge,
        ),
    ];
    if looped {
        let off = program.is_some_and(|p| p.patient_loop.off);
        keys.push((
            pos2(cx, row(2.75)),
            Icon::Loop,
            "",
            RemoteKey::ClosedLoop(off),
        ));
    }
    keys
}

/// The running program's index and how many there are (none without a stimulator).
fn programs(s: &Session) -> (usize, usize) {
    s.device()
        .map_or((0, 1), |d| (d.active, d.programs.len().max(1)))
}

fn prev_program(s: &Session) -> RemoteKey {
    let (active, n) = programs(s);
    RemoteKey::SelectProgram((active + n - 1) % n)
}

fn next_program(s: &Session) -> RemoteKey {
    let (active, n) = programs(s);
    RemoteKey::SelectProgram((active + 1) % n)
}

/// The accessible name of a toggling key: what pressing it will do.
fn toggle_label(c: &RemoteKey) -> &'static str {
    match c {
        RemoteKey::TherapyOn => "Therapy on",
        RemoteKey::TherapyOff => "Therapy off",
        RemoteKey::Lock => "Lock remote",
        RemoteKey::Unlock => "Unlock remote",
        RemoteKey::ClosedLoop(true) => "Resume closed loop",
        RemoteKey::ClosedLoop(false) => "Pause closed loop",
        RemoteKey::MriMode(true) => "MRI mode",
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
    // Drag too: a press held longer than a click stays "down on" the key, so it repeats.
    let response = ui
        .interact(rect, id, Sense::click_and_drag())
        .on_hover_text(label);
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
    icon_ui(p, centre, radius, icon, palette);
    response
}

/// The `icon` drawn on a key of `radius` at `centre`.
fn icon_ui(p: &egui::Painter, centre: Pos2, radius: f32, icon: Icon, palette: &Palette) {
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
        Icon::Mri | Icon::Charge | Icon::Loop => {
            p.text(
                centre,
                Align2::CENTER_CENTER,
                match icon {
                    Icon::Mri => "MRI",
                    Icon::Charge => "CHG",
                    _ => "LOOP",
                },
                FontId::proportional(13.0),
                Color32::from_gray(235),
            );
        }
    }
}
